---- MODULE MC_broken ----
EXTENDS MptcpCore, Scheme_broken
====
