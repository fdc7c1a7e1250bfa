---- MODULE MC_bound_key ----
EXTENDS MptcpCore, Scheme_bound_key
====
