# The three peer-benchmark rules in Rego (rego.v1), for regorus (bench/peers/rego_peer.py).
# Each rule is a function of one case document (see bench/peers/workload.py); `case` applies
# them to `input` (one case per query), `batch` to every case of `input.cases` (one query).
package peers

import rego.v1

approving := {"approved", "approved_with_conditions"}

own(c, i) if {
	i.holder == c.supporter
	i.entity == c.client
}

disclosed(c, i) if {
	some d in c.disclosures
	i.id in d.interests
	d.filed_on <= i.start + 30
}

approved(c, i) if {
	some r in c.reviews
	i.id in r.interests
	r.decision in approving
}

affiliated(c, p) if p == c.supporter

affiliated(c, p) if {
	some x in c.relations
	x.from == c.supporter
	x.to == p
}

affiliated(c, p) if {
	some x in c.relations
	x.to == c.supporter
	x.from == p
}

# rule 1: an investment >= 10% with no disclosure filed within 30 days of its start
investment_undisclosed(c) := {i.id |
	some i in c.interests
	i.type == "investment"
	own(c, i)
	i.equity_pct >= 10
	not disclosed(c, i)
}

# rule 2: a collaboration >= 1,000,000 with no approving review
collaboration_unreviewed(c) := {i.id |
	some i in c.interests
	i.type == "collaboration"
	own(c, i)
	i.value >= 1000000
	not approved(c, i)
}

# rule 3: a review of an own interest by the supporter or a party tied to the supporter
reviewer_affiliated(c) := {r.id |
	some r in c.reviews
	affiliated(c, r.reviewer)
	some i in c.interests
	i.id in r.interests
	own(c, i)
}

case := {
	"inv": investment_undisclosed(input),
	"col": collaboration_unreviewed(input),
	"rev": reviewer_affiliated(input),
}

batch := {
	"inv": {id | some c in input.cases; some id in investment_undisclosed(c)},
	"col": {id | some c in input.cases; some id in collaboration_unreviewed(c)},
	"rev": {id | some c in input.cases; some id in reviewer_affiliated(c)},
}
