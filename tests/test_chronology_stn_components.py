"""The network solved one component at a time (issue 9): the same bounds and order as one
all-pairs solve over the whole network, and conflicts found across components."""
import random

import numpy as np

from storyline.chronology import stn
from storyline.chronology.stn import Constraint


def _whole(nodes, constraints):
    """Reference: Floyd-Warshall over every node at once."""
    return stn.floyd_warshall(stn._matrix(nodes, constraints))


def _random_network(rng, n_groups=6, size=4):
    nodes = ["Z", "F"]
    cs = [Constraint("Z", "F", 700, 0.6), Constraint("F", "Z", -690, 0.6)]  # F within 690..700 of Z
    for g in range(n_groups):
        members = [f"g{g}n{i}" for i in range(size)]
        nodes += members
        for a, b in zip(members, members[1:]):
            cs.append(Constraint(a, b, rng.randint(1, 6)))      # b at most a few days after a
            cs.append(Constraint(b, a, -rng.randint(0, 1)))     # and not before it
        hub = rng.choice(["Z", "F", None])
        if hub:
            day = rng.randint(0, 30) + (720 if hub == "Z" else 0)
            cs.append(Constraint(members[0], hub, -day))        # first member no earlier than day
            cs.append(Constraint(hub, members[-1], day + rng.randint(5, 20)))
    nodes.append("loose")  # a node nothing constrains
    return nodes, cs


def test_component_solve_equals_whole_network_solve():
    rng = random.Random(7)
    for _ in range(20):
        nodes, cs = _random_network(rng)
        whole = _whole(nodes, cs)
        sol = stn.solve(nodes, cs, hubs=("Z", "F"))
        assert not sol.conflicts
        idx = {n: i for i, n in enumerate(nodes)}
        for u in nodes:
            for v in nodes:
                assert sol.bound(u, v) == whole[idx[u], idx[v]], (u, v)


def test_order_across_components_goes_through_the_calendar():
    # a is at most day 10, b at least day 12: a before b, though no constraint joins them
    cs = [Constraint("Z", "a", 10), Constraint("b", "Z", -12), Constraint("a", "e", 1), Constraint("b", "f", 1)]
    sol = stn.solve(["Z", "a", "b", "e", "f"], cs, hubs=("Z",))
    assert len(sol.parts) == 2
    assert sol.bound("b", "a") == -2
    assert ("a", "b") in sol.ordered(["a", "b"])
    assert ("b", "a") not in sol.ordered(["a", "b"])


def test_ordered_matches_pairwise_bounds():
    rng = random.Random(3)
    nodes, cs = _random_network(rng, n_groups=5, size=3)
    sol = stn.solve(nodes, cs, hubs=("Z", "F"))
    among = [n for n in nodes if n not in ("Z", "F")]
    want = {(x, y) for x in among for y in among
            if x != y and sol.bound(y, x) <= 0 and sol.bound(x, y) > 0}
    assert set(sol.ordered(among)) == want
    assert want  # the random network does order some nodes


def test_conflict_through_two_components_is_found_and_dropped():
    # component 1 puts F at least 5 after Z; component 2 puts F at most 2 after Z
    c1 = [Constraint("p", "Z", -0.0, 0.9), Constraint("F", "p", -5, 0.9)]  # x[p] >= Z, x[F] >= x[p] + 5
    c2 = [Constraint("Z", "q", 0.0, 0.9), Constraint("q", "F", 2, 0.3, "weak")]  # x[q] <= Z, x[F] <= x[q] + 2
    sol = stn.solve(["Z", "F", "p", "q"], c1 + c2, hubs=("Z", "F"))
    assert len(sol.conflicts) == 1
    assert sol.conflicts[0].dropped.evidence == "weak"
    assert sol.bound("Z", "F") == np.inf and -sol.bound("F", "Z") == 5
