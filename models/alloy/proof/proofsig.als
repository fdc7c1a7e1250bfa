module proofsig

/*
 * The signatures of the induction check (docs/proofs.md, "Alloy induction"): roles of the role
 * abstraction, role states and honest segments of an invariant (declared by the generated
 * inv.als), the two ghosts of a server join state, and the two stages of a run.
 */
abstract sig Role {}
abstract sig Val {}                                   -- a role state of the invariant
abstract sig ISeg {}                                  -- an honest segment of the invariant
abstract sig Ghost {}
-- the hosts: who built the SYN that opened a join state, and who sends a role's segments
-- (inv.als declares GClient_2, ... for the further clients of a population of several)
one sig GClient, GServer, GAttacker extends Ghost {}
abstract sig Stage {}
one sig Passive, Active extends Stage {}              -- before / after the attacker's first injection
