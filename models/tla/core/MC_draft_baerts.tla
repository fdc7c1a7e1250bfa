---- MODULE MC_draft_baerts ----
EXTENDS MptcpCore, Scheme_draft_baerts
====
