---- MODULE MC_draft_baerts_low_order ----
EXTENDS MptcpCore, Scheme_draft_baerts_low_order
====
