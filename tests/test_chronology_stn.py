"""The temporal network solver: tightest bounds, negative cycles, evidence paths."""
from storyline.chronology import stn
from storyline.chronology.stn import Constraint


def test_tightest_bounds_through_a_chain():
    # x[a] in [10, 20], x[b] - x[a] in [2, 3]  ->  x[b] in [12, 23]
    cs = [Constraint("Z", "a", 20), Constraint("a", "Z", -10),
          Constraint("a", "b", 3), Constraint("b", "a", -2)]
    sol = stn.solve(["Z", "a", "b"], cs)
    assert sol.bound("Z", "b") == 23
    assert -sol.bound("b", "Z") == 12
    assert sol.bound("b", "a") == -2  # a is at least two days before b
    assert not sol.conflicts


def test_unconstrained_pairs_stay_open():
    sol = stn.solve(["Z", "a", "b"], [Constraint("Z", "a", 5)])
    assert sol.bound("Z", "b") == stn.INF
    assert sol.bound("a", "Z") == stn.INF


def test_negative_cycle_is_reported_and_least_confident_dropped():
    # x[a] >= 10 (conf .9), x[a] <= 5 (conf .4): inconsistent
    low = Constraint("a", "Z", -10, 0.9, "past date")
    high = Constraint("Z", "a", 5, 0.4, "future date")
    sol = stn.solve(["Z", "a"], [low, high])
    assert len(sol.conflicts) == 1
    conflict = sol.conflicts[0]
    assert set(conflict.cycle) == {low, high}
    assert conflict.dropped is high
    assert -sol.bound("a", "Z") == 10 and sol.bound("Z", "a") == stn.INF


def test_find_negative_cycle_returns_none_when_consistent():
    cs = [Constraint("Z", "a", 5), Constraint("a", "Z", -1)]
    assert stn.find_negative_cycle(["Z", "a"], cs) is None


def test_path_gives_the_constraints_behind_a_bound():
    c1, c2 = Constraint("Z", "a", 4, evidence="one"), Constraint("a", "b", 1, evidence="two")
    sol = stn.solve(["Z", "a", "b"], [c1, c2, Constraint("Z", "b", 9, evidence="loose")])
    assert [c.evidence for c in stn.path(sol, "Z", "b")] == ["one", "two"]
