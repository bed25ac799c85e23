"""Cross-article entity resolution over compact mention records.

Public function: ``resolve(analyses) -> (entities, mention_entity)``;
``mention_entity[article_id]`` is a list parallel to that article's mentions
holding the entity id or None.

Steps (each linear in the number of mentions, candidates blocked by key):

1. Type voting. Every name form (normalized text) takes the type most of its
   mentions got from the tagger across the corpus (a PERSON mention with a
   title or courtesy title counts twice); a person's full name also votes
   PERSON (half) for its surname, and more (1.5) for each mention of that
   surname tagged otherwise in the same article, so "Zelenskyy" tagged as a place in one
   sentence is a PERSON when the corpus mostly says so.
2. People. Names are blocked by surname; within a block, full names merge
   when their given names are compatible ("Vladimir Putin", "Putin", "Mr.
   Putin"; "Giuseppe Cavo Dragone", "Cavo Dragone"); different given names
   stay apart ("Joe Smith" / "Ann Smith"). A bare surname goes, among the
   namesakes its gender (from "Mr."/"Mrs.", "spokeswoman" ..., or the
   pronouns its article chains to it) allows, to
   the one holding the title it carries ("Gov. Keller"; in an article naming
   none of them in full, any title or role nominal the article gives the
   surname: "Cruz ... the senator"), else to the one its own article names
   in full (of several: the one named before it, unless the article's bare
   surname is of both genders; else the one it names most: 75% of the
   article's full-name mentions), else to the block's only or dominant (75% of the corpus's
   full-name mentions) person, else it stays a separate, low-confidence
   entity. A bare given name goes to the one full name with that given name
   in the same article.
3. Other names merge by key: normalized text, known alternative names
   ("U.S." = "United States"), corporate suffixes dropped ("Apple Inc." =
   "Apple"), and acronyms of a multiword name when the acronym has exactly
   one expansion in the corpus ("USAF"); an organization named by the first
   word of its name in an article that names it in full first ("Patriot Coal
   ... Patriot"), when that word has one full form in the corpus and no
   article writes the word first ("Apple ... Apple Music").
4. Demonyms attach to their country's entity when the country is named in
   the corpus; nominals and pronouns take the entity of the mention their
   in-article chain starts from.
5. Definite person nominals their article left unresolved join the one
   entity another article gave exactly that role phrase, else the person named
   earlier in the article whom the corpus gives that role (or, for generic
   heads, ties to the country the nominal names).
6. Entities collect names, roles (with article, offsets and the article's
   date, including role nominals that refer to the person: "the Republican
   president"), nationalities and mention counts.
"""
from __future__ import annotations

import dataclasses
import hashlib
import re
from collections import Counter, defaultdict

from ..records import ArticleAnalysis, Entity, Role
from ..temporal.stamp import article_day
from . import lexicon
from .names import (acronym, compatible_given, display, is_acronym, norm, org_key, person_parts,
                    spelling_variant)

SOURCE = "storyline.entities.resolve.v2"
DOMINANT_SHARE = 0.75  # a bare surname goes to a person named in full this often among its namesakes
MIN_FIRST_WORD_ARTICLES = 2  # articles that must use a first word alone for one person before others may
LEGAL_FORM_OVERRULES = ("GPE", "LOC", "FAC", "NORP")  # types a name with a company's legal form overrules


class _UnionFind:
    def __init__(self):
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _name_of(m) -> str:
    return m.name or m.text


def _case_merged(forms: Counter) -> Counter:
    """Name forms for choosing the one to show: a form in capitals counts for its twin written
    in mixed case, when the entity has one ("WASHINGTON" of a dateline is "Washington"); an
    acronym with no such twin ("NATO") stays."""
    out = Counter(forms)
    for f, n in forms.items():
        if f.isupper() and len(f) > 1:
            twins = [g for g in forms if g != f and g.lower() == f.lower() and not g.isupper()]
            if twins:
                out[max(twins, key=lambda g: (forms[g], g))] += n
                del out[f]
    return out


def vote_types(analyses) -> dict[str, str]:
    """normalized name form -> the type most of the corpus gives it."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for a in analyses:
        # a word the same article uses as a person's surname is that person's name here, and so
        # is the first word of a person's full name ("Mobutu Sese Seko ... Mobutu", which the
        # recognizer mostly tags an organization)
        person_words = set()  # surnames and first words of full names
        for m in a.mentions:
            if m.kind == "name" and m.type == "PERSON":
                given, surname = person_parts(_name_of(m))
                if given and surname:
                    person_words.update((surname, given[0]))
        for m in a.mentions:
            if m.kind == "name" and m.type not in ("PERSON", "") and norm(_name_of(m)) in person_words:
                votes[norm(_name_of(m))]["PERSON"] += 1.5
        for m in a.mentions:
            if m.kind != "name" or not m.type:
                continue
            form = norm(_name_of(m))
            # a title or courtesy title before the name is strong evidence of a person
            # a classifier noun in apposition ("the shipping company Maersk") states the type
            # outright and outweighs a few recognizer labels (which repeat the same guess)
            if m.source.endswith("+classifier"):
                votes[form][m.type] += 3.0
            else:
                votes[form][m.type] += 2.0 if m.type == "PERSON" and (m.roles or m.gender) else 1.0
            if m.type == "PERSON":
                given, surname = person_parts(_name_of(m))
                if given and surname:
                    votes[surname]["PERSON"] += 0.5
    out = {}
    for form, c in votes.items():
        best = max(c.items(), key=lambda kv: (kv[1], kv[0] == "PERSON"))
        out[form] = best[0]
    return out


def _person_nodes(analyses, types) -> dict[tuple[str, int], str]:
    """(article id, mention index) -> person cluster node id, for PERSON names."""
    occ = []  # (aid, idx, given, surname)
    role_words: dict[tuple[str, int], set[str]] = {}
    genders: dict[tuple[str, int], str | None] = {}
    bare_words: dict[tuple[str, str], set[str]] = defaultdict(set)  # (article, surname) -> words
    starts: dict[tuple[str, int], int] = {}
    bare_genders: dict[tuple[str, str], set[str]] = defaultdict(set)
    for a in analyses:
        told = _pronoun_genders(a.mentions)
        nominal_words: dict[int, set[str]] = defaultdict(set)  # chain root -> role nominals' heads
        for i, m in enumerate(a.mentions):
            if _role_nominal(m) and m.antecedent is not None and not m.plural and m.head:
                nominal_words[_chain_root(a.mentions, i)] |= _title_words([m])
        for i, m in enumerate(a.mentions):
            if m.kind == "name" and types.get(norm(_name_of(m)), m.type) == "PERSON":
                given, surname = person_parts(_name_of(m))
                if surname:
                    occ.append((a.article.id, i, given, surname))
                    starts[(a.article.id, i)] = m.start
                    role_words[(a.article.id, i)] = _title_words(m.roles)
                    genders[(a.article.id, i)] = m.gender or told.get(i)
                    if not given:  # what the article calls the bare surname anywhere
                        bare_words[(a.article.id, surname)] |= role_words[(a.article.id, i)] | nominal_words[i]
                        bare_genders[(a.article.id, surname)] |= {genders[(a.article.id, i)]} - {None}
    blocks: dict[str, list] = defaultdict(list)
    for o in occ:
        blocks[o[3]].append(o)
    node: dict[tuple[str, int], str] = {}
    for surname, items in blocks.items():
        variants = Counter(o[2] for o in items if o[2])
        clusters: list[list[tuple[str, ...]]] = []
        for given, _ in sorted(variants.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0])):
            for cl in clusters:
                if all(compatible_given(given, g) for g in cl):
                    cl.append(given)
                    break
            else:
                clusters.append([given])
        which = {g: k for k, cl in enumerate(clusters) for g in cl}
        by_article: dict[str, set[int]] = defaultdict(set)
        cluster_roles: dict[int, set[str]] = defaultdict(set)
        for aid, i, given, _ in items:
            if given:
                by_article[aid].add(which[given])
                cluster_roles[which[given]] |= role_words.get((aid, i), set())
        cluster_gender: dict[int, Counter] = defaultdict(Counter)
        for aid, i, given, _ in items:
            if given and genders.get((aid, i)):
                cluster_gender[which[given]][genders[(aid, i)]] += 1
        gender_of = {c: cnt.most_common(1)[0][0] for c, cnt in cluster_gender.items()
                     if cnt.most_common(1)[0][1] * 2 > sum(cnt.values())}
        sizes = Counter(which[given] for _, _, given, _ in items if given)
        dominant = _dominant(sizes, list(sizes))
        article_sizes: dict[str, Counter] = defaultdict(Counter)
        named_at: dict[tuple[str, int], int] = {}  # (article, cluster) -> where first named in full
        for aid, i, given, _ in items:
            if given:
                article_sizes[aid][which[given]] += 1
                key = (aid, which[given])
                named_at[key] = min(named_at.get(key, starts[(aid, i)]), starts[(aid, i)])
        for aid, i, given, _ in items:
            if given:
                node[(aid, i)] = f"P:{surname}:{which[given]}"
                continue
            mine_g = genders.get((aid, i))
            compat = [c for c in range(len(clusters)) if not (mine_g and gender_of.get(c, mine_g) != mine_g)]
            # "Gov. Keller": the one same-surname person given that title (here or, in an article
            # naming no bearer of its gender in full, where it gives the surname a title or a
            # role nominal: "Cruz ... the senator")
            here = [c for c in by_article.get(aid, ()) if c in compat]
            mine = role_words.get((aid, i), set())
            if not here:  # an article naming no bearer of its gender in full
                mine = mine | bare_words.get((aid, surname), set())
            fits = [c for c in compat if mine & cluster_roles[c]]
            if not clusters:
                k = 0
            elif len(fits) == 1:
                k = fits[0]
            elif len(here) == 1:
                k = here[0]
            elif len([c for c in here if named_at[(aid, c)] < starts[(aid, i)]]) == 1 \
                    and len(bare_genders[(aid, surname)]) <= 1:
                # the one namesake named in full before it ("Ted Cruz ... Cruz", his father
                # Rafael Cruz named only later), unless the article's bare surname is a man
                # here and a woman there ("Mr. Khan ... Ms. Khan")
                k = next(c for c in here if named_at[(aid, c)] < starts[(aid, i)])
            elif len(here) > 1 and _dominant(article_sizes[aid], here) is not None:
                k = _dominant(article_sizes[aid], here)  # the namesake this article names most
            elif len(compat) == 1 and not by_article.get(aid):
                k = compat[0]
            elif not by_article.get(aid) and dominant is not None and dominant in compat:
                k = dominant  # the bearer of the surname most of the corpus names in full
            else:
                k = -1  # ambiguous: its own entity
            node[(aid, i)] = f"P:{surname}:{k}"
    return node


def _pronoun_genders(mentions) -> dict[int, str]:
    """Mention index -> 'm'/'f' when the personal pronouns whose chain starts at that mention
    agree on a gender ("Obama ... he said"): what the article says of the name."""
    votes: dict[int, set[str]] = defaultdict(set)
    table = lexicon.gender_words()
    for i, m in enumerate(mentions):
        if m.kind == "pronoun" and m.antecedent is not None and m.text.lower() in table:
            votes[_chain_root(mentions, i)].add(table[m.text.lower()])
    return {i: next(iter(g)) for i, g in votes.items() if len(g) == 1}


def _dominant(sizes: Counter, among: list[int]) -> int | None:
    """The cluster holding at least DOMINANT_SHARE of the full-name mentions of ``among``."""
    counts = {c: sizes.get(c, 0) for c in among}
    total = sum(counts.values())
    if not total:
        return None
    top = max(counts, key=lambda c: counts[c])
    return top if counts[top] >= DOMINANT_SHARE * total else None


def _title_words(roles) -> set[str]:
    """The title and role words of roles, abbreviations written out ("Sen." -> senator)."""
    words = set()
    for r in roles:
        for w in r.text.lower().split():
            w = w.strip(",;:")
            full = lexicon.title_abbreviations().get(w if w.endswith(".") else w + ".")
            w = full or w.rstrip(".")
            if w in lexicon.titles() or w + "." in lexicon.titles() or w in lexicon.role_nouns():
                words.add(w)
    return words


def _given_name_links(analyses, person_node, types) -> dict[tuple[str, int], str]:
    """Bare words ("Steve", "Mobutu") that start the full name of exactly one person named
    in their article and are nobody's surname there; of several such people, the one named
    in full first before the word. In an article naming nobody by the word: the one person
    that at least MIN_FIRST_WORD_ARTICLES other articles call by it alone after naming them
    in full, when the corpus writes the word first in full names more often than last
    ("Mobutu Sese Seko ... Mobutu" against his son "Nzanga Mobutu"; not a given name such as
    "Larry", which names different people)."""
    out = {}
    first_count: Counter = Counter()
    last_count: Counter = Counter()
    for a in analyses:
        for i, m in enumerate(a.mentions):
            if (a.article.id, i) in person_node:
                given, surname = person_parts(_name_of(m))
                if given:
                    first_count[given[0]] += 1
                    last_count[surname] += 1
    evidence: dict[str, Counter] = defaultdict(Counter)  # word -> node -> articles linking it
    unnamed: list[tuple[tuple[str, int], str]] = []  # bare words in articles naming nobody by them
    for a in analyses:
        firsts: dict[str, set[str]] = defaultdict(set)
        surnames_here: dict[str, set[str]] = defaultdict(set)
        named: list[tuple[int, str]] = []  # (offset, node) of each full name
        for i, m in enumerate(a.mentions):
            key = (a.article.id, i)
            if key in person_node:
                given, surname = person_parts(_name_of(m))
                if given:
                    firsts[given[0]].add(person_node[key])
                    surnames_here[surname].add(person_node[key])
                    named.append((m.start, person_node[key]))
        linked: dict[str, set[str]] = defaultdict(set)
        for i, m in enumerate(a.mentions):
            key = (a.article.id, i)
            if key not in person_node:
                continue
            given, word = person_parts(_name_of(m))
            if given:
                continue
            if word not in firsts:
                if word not in surnames_here:
                    unnamed.append((key, word))
                continue
            if word in surnames_here:
                continue  # someone's surname here: the namesakes' rules decide (_person_nodes)
            if len(firsts[word]) == 1:
                out[key] = next(iter(firsts[word]))
            else:
                # several people named with it first ("Mobutu Sese Seko ... his son, Major Mobutu
                # Kongolo"): the one named in full first before it, as news names its main actor first
                before = sorted((start, node) for start, node in named if node in firsts[word] and start < m.start)
                if before:
                    out[key] = before[0][1]
            if key in out:  # linked, always to someone named with the word first
                linked[word].add(out[key])
        for word, nodes in linked.items():
            for node in nodes:
                evidence[word][node] += 1
    for key, word in unnamed:
        strong = [node for node, n in evidence.get(word, {}).items() if n >= MIN_FIRST_WORD_ARTICLES]
        if len(strong) == 1 and first_count[word] > last_count[word]:
            out[key] = strong[0]
    return out


def _spelling_variant_pairs(analyses, person_node) -> list[tuple[str, str]]:
    """Person clusters whose usual full names are spelling variants of each other, of no two
    genders, that no article names in full side by side (there they are two people: "Mario
    Cuomo ... Maria Cuomo")."""
    names: dict[str, Counter] = defaultdict(Counter)
    articles: dict[str, set[str]] = defaultdict(set)
    genders: dict[str, set[str]] = defaultdict(set)
    for a in analyses:
        told = _pronoun_genders(a.mentions)
        for i, m in enumerate(a.mentions):
            node = person_node.get((a.article.id, i))
            if node is None:
                continue
            if m.gender or told.get(i):
                genders[node].add(m.gender or told[i])
            given, surname = person_parts(_name_of(m))
            if given and surname:
                names[node][(given, surname)] += 1
                articles[node].add(a.article.id)
    usual = {node: c.most_common(1)[0][0] for node, c in names.items()}
    buckets: dict[str, set[str]] = defaultdict(set)  # surname with one letter dropped -> nodes
    for node, (_, surname) in usual.items():
        for k in {surname} | {surname[:i] + surname[i + 1:] for i in range(len(surname))}:
            buckets[k].add(node)
    pairs = set()
    for nodes in buckets.values():
        if len(nodes) < 2 or len(nodes) > 50:
            continue
        for x in nodes:
            for y in nodes:
                if x < y and not articles[x] & articles[y] and len(genders[x] | genders[y]) <= 1 \
                        and spelling_variant(usual[x], usual[y]):
                    pairs.add((x, y))
    return sorted(pairs)


def _chain_root(mentions, i: int) -> int:
    seen = set()
    while mentions[i].antecedent is not None and i not in seen and 0 <= mentions[i].antecedent < len(mentions):
        seen.add(i)
        i = mentions[i].antecedent
    return i


def _eid(type_: str, name: str) -> str:
    return "E" + hashlib.sha1(f"{type_}|{name.lower()}".encode()).hexdigest()[:10]


def _countries() -> set[str]:
    return set(lexicon.demonyms().values()) | set(lexicon.aliases().values())


def _merge_nationalities(names, roles) -> tuple[str, ...]:
    """Countries from the names' pre-modifiers (most frequent first), then from the roles."""
    counts = Counter(m.nationality_of for m in names if m.kind == "name" and m.nationality_of)
    out = [c for c, _ in counts.most_common()]
    out += [c for c in _nationalities(roles) if c not in out]
    return tuple(out)


def _nationalities(roles) -> tuple[str, ...]:
    out = []
    aliases = lexicon.aliases()
    for r in roles:
        words = r.text.replace("\u2019", "'").split()
        for w in words:
            bare = w[:-2] if w.endswith("'s") else w
            bare = bare.strip(",.;:")
            c = lexicon.country_of_demonym(bare) or aliases.get(bare) or aliases.get(bare + ".")
            if not c and w.endswith("'s") and bare in _countries():
                c = bare  # "Russia's top diplomat"
            if c and c not in out:
                out.append(c)
    return tuple(out)


def _bodies_by_field(nodes) -> dict[str, set[str]]:
    """``field -> {keys "<field> <head>"}`` for the name keys among ``nodes`` that end in the
    head noun of a government body ("state department" under "state")."""
    heads = lexicon.inverted_heads()
    out: dict[str, set[str]] = defaultdict(set)
    for node in nodes:
        if node.startswith("K:"):
            field, _, head = node[2:].rpartition(" ")
            if field and head in heads:
                out[field].add(node)
    return out


def _name_ends(nodes, types) -> dict[str, set[str]]:
    """``end -> {keys}``: the name keys of organizations among ``nodes`` by each of their ends
    of two words or more ("boston red sox" under "red sox"). One word is too little: "the
    House" that passed a bill is not the White House."""
    out: dict[str, set[str]] = defaultdict(set)
    for node in nodes:
        if node.startswith("K:") and types.get(node[2:]) == "ORG":
            words = node[2:].split()
            for k in range(1, len(words) - 1):
                out[" ".join(words[k:])].add(node)
    return out


_FUNCTION_WORDS = frozenset({"of", "for", "the", "and", "&", "de", "du", "la", "on", "in", "to"})
# a word of a full name: capitalized, or one of the function words above
_NAME_WORD = re.compile(r"(?:[A-Z][\w.'’&-]*|" + "|".join(map(re.escape, sorted(_FUNCTION_WORDS))) + r")$")


def _name_starts(analyses, node_of, types) -> dict[str, set[str]]:
    """``first word -> {keys}`` for each organization an article names in full and then by the
    first word of that name ("Patriot Coal ... Patriot was", "Wells Fargo ... Wells"): the name
    keys of the corpus's full names starting with that word (names of capitalized words: "State"
    has two in "State Department", "State Police"). A word the article writes before the full
    name is a body named first and then a part of it or a thing of its ("Apple ... Apple Music")
    and is never a short form (an empty set). A start of two words or more is a name of its
    own ("United Nations", not "United Nations Security Council")."""
    after: set[str] = set()  # first words some article writes after their full name
    full: dict[str, set[str]] = defaultdict(set)  # every full name of the corpus by its first word
    blocked: set[str] = set()  # written before a full name, or somewhere tagged as a place
    for a in analyses:
        first: dict[str, int] = {}
        written: dict[str, str] = {}
        for i, m in enumerate(a.mentions):
            node = node_of.get((a.article.id, i))
            if not (node and node.startswith("K:")):
                continue
            if m.type in ("GPE", "LOC"):
                blocked.add(node[2:])  # "Benghazi" is no short form of "Benghazi Movie"
            if types.get(node[2:]) == "ORG" and node[2:] not in first:
                first[node[2:]] = m.start
                written[node[2:]] = _name_of(m)
        for long, start in first.items():
            short, *rest = long.split()
            if not rest or rest[0] in _FUNCTION_WORDS \
                    or not all(_NAME_WORD.match(w) for w in written[long].split()):
                continue  # "Bank of America": its first word is the head noun, not a name
            full[short].add(long)
            if short in first:
                (after if start < first[short] else blocked).add(short)
    return {short: (set() if short in blocked else full[short]) for short in after}


def resolve(analyses: list[ArticleAnalysis], unnamed: bool = False, groups: dict[str, object] | None = None):
    """See the module docstring. With ``unnamed=True`` an in-article chain of
    nominals and pronouns that reaches no name ("an alliance official" ...
    "he") becomes an entity of its own (named by its longest mention);
    otherwise its mentions stay unlinked (None). ``groups`` (article id -> the
    label of its story or document group) lets such chains of one group that
    share their nominal head ("a woman" ... "the woman") be one entity
    (``_merge_unnamed_by_head``)."""
    analyses = list(analyses)
    types = vote_types(analyses)
    person_node = _person_nodes(analyses, types)
    person_node.update(_given_name_links(analyses, person_node, types))

    uf = _UnionFind()
    node_of: dict[tuple[str, int], str] = {}
    long_forms: dict[str, set[str]] = defaultdict(set)  # acronym -> keys of names it abbreviates
    short_keys: set[str] = set()
    for a in analyses:
        for i, m in enumerate(a.mentions):
            if m.kind != "name":
                continue
            key = (a.article.id, i)
            if key in person_node:
                node_of[key] = person_node[key]
            else:
                k = org_key(_name_of(m)) or _name_of(m).strip().lower() or m.text.lower()
                node_of[key] = "K:" + k
                if is_acronym(_name_of(m)):
                    short_keys.add(k)
                ac = acronym(_name_of(m))
                if ac:
                    long_forms[ac].add(k)
            uf.find(node_of[key])
    for x, y in _spelling_variant_pairs(analyses, person_node):
        uf.union(x, y)
    for ac, keys in long_forms.items():
        if ac in short_keys and len(keys) == 1:
            uf.union("K:" + ac, "K:" + next(iter(keys)))
    # a body named by its field alone ("State said", "Justice declined"), a name the corpus
    # mostly tags ORG, is the one body of that field the corpus names in full ("State
    # Department")
    for field, keys in _bodies_by_field(uf.parent).items():
        if len(keys) == 1 and "K:" + field in uf.parent and types.get(field) == "ORG":
            uf.union("K:" + field, next(iter(keys)))
    # an organization named by the end of its full name ("the Red Sox", "the Supreme Court") is
    # the one organization of the corpus whose name ends so ("Boston Red Sox", "U.S. Supreme Court")
    for short, keys in _name_ends(uf.parent, types).items():
        if len(keys) == 1 and "K:" + short in uf.parent and types.get(short) == "ORG":
            uf.union("K:" + short, next(iter(keys)))

    # an organization named by the first word of its full name in an article that first names it
    # in full ("Patriot Coal ... Patriot"), when the corpus gives that word one full form
    for short, keys in _name_starts(analyses, node_of, types).items():
        if len(keys) == 1:
            uf.union("K:" + short, "K:" + next(iter(keys)))

    # demonyms -> their country, when the corpus names it
    for a in analyses:
        for i, m in enumerate(a.mentions):
            if m.kind == "demonym" and m.nationality_of:
                k = "K:" + org_key(m.nationality_of)
                if k in uf.parent:
                    node_of[(a.article.id, i)] = k

    # nominals and pronouns follow their in-article chain
    mention_entity_node: dict[str, list[str | None]] = {}
    for a in analyses:
        row = []
        for i, m in enumerate(a.mentions):
            key = (a.article.id, i)
            if key in node_of:
                row.append(uf.find(node_of[key]))
                continue
            r = _chain_root(a.mentions, i) if m.kind in ("nominal", "pronoun") else i
            rk = (a.article.id, r)
            if rk in node_of:
                row.append(uf.find(node_of[rk]))
            elif unnamed and m.kind in ("nominal", "pronoun", "name"):
                row.append(f"C:{a.article.id}:{r}")
            else:
                row.append(None)
        mention_entity_node[a.article.id] = row

    _link_role_phrases(analyses, mention_entity_node)
    _link_role_nominals_by_corpus_roles(analyses, mention_entity_node, types)
    if unnamed and groups:
        _merge_unnamed_by_head(analyses, mention_entity_node, groups)
    return _build_entities(analyses, mention_entity_node, types, unnamed)


def _merge_unnamed_by_head(analyses, mention_entity_node, groups) -> None:
    """Chains that reach no name, in the articles of one group, become one referent when the
    first nominal of each has the same head lemma and number: reports of one event call its
    unnamed participants by the same noun ("a woman" in one, "the woman" in another). Such a
    singular chain whose head is a role the group's articles give exactly one named entity
    ("the host" where another report wrote "talk-show host Ellen DeGeneres") is that
    entity. A chain of pronouns alone has no head and stays as it is."""
    heads: dict[str, tuple] = {}
    holders: dict[tuple, set[str]] = defaultdict(set)
    for a in analyses:
        group = groups.get(a.article.id)
        row = mention_entity_node[a.article.id]
        for i, m in enumerate(a.mentions):
            node = row[i]
            if node is None:
                continue
            if node.startswith("C:"):
                if m.kind == "nominal" and node not in heads and group is not None and m.head:
                    heads[node] = (group, m.head.lower(), m.plural)
                continue
            for w in _role_words_of(m):
                holders[(group, w)].add(node)
    merged = {}
    for node, (group, head, plural) in heads.items():
        named = holders.get((group, head), set())
        merged[node] = next(iter(named)) if len(named) == 1 and not plural else f"G:{group}|{head}|{plural}"
    for row in mention_entity_node.values():
        for i, node in enumerate(row):
            if node in merged:
                row[i] = merged[node]


def _role_nominal(m) -> bool:
    """A person nominal headed by a role ("the Republican president"), not by what someone is
    ("the woman", "a suspect": ``nominal_heads.tsv`` PERSON), which is no role to give a name."""
    return m.kind == "nominal" and m.type == "PERSON" and \
        lexicon.nominal_heads().get((m.head or "").lower()) != "PERSON"


def _role_words_of(m) -> set[str]:
    """The words of the roles a mention carries, and a person nominal's own head."""
    words = {w.strip(",.;:'").lower() for r in m.roles for w in r.text.replace("'s", " ").split()}
    if _role_nominal(m) and m.head:
        words.add(m.head.lower())
    return words


def _phrase(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", " ".join(text.lower().replace("\u2019", "'").split()))


GENERIC_ROLE_HEADS = {"leader", "head", "chief", "official", "boss", "strongman"}


def _words_countries(text: str) -> set[str]:
    """Countries a phrase names: demonyms, seats of government, alternative names, "X's"."""
    out = set()
    countries = _countries()
    for w in text.replace("\u2019", "'").split():
        bare = (w[:-2] if w.endswith("'s") else w).strip(",.;:")
        c = lexicon.country_of_demonym(bare) or lexicon.aliases().get(bare)
        seat = lexicon.metonyms().get(bare.lower())
        if not c and seat and seat[1] == "seat":
            c = seat[0]
        if not c and bare in countries:
            c = bare
        if c:
            out.add(c)
    return out


def _unlinked_role_nominals(analyses, mention_entity_node):
    """(analysis, row, index, mention) of each definite singular person nominal ("the Republican
    president") not yet linked to a named entity (unlinked, or only in an in-article chain)."""
    for a in analyses:
        row = mention_entity_node[a.article.id]
        for i, m in enumerate(a.mentions):
            if not _role_nominal(m) or not m.definite or m.plural:
                continue
            if row[i] is not None and not row[i].startswith("C:"):
                continue
            yield a, row, i, m


def _link_role_nominals_by_corpus_roles(analyses, mention_entity_node, types) -> None:
    """A definite person nominal still unresolved ("the Kremlin leader") goes to
    the person named earlier in its article whom the whole corpus gives that
    role, or (for generic heads: leader, official ...) ties to the country the
    nominal names; when several fit, the one named last before it."""
    role_words: dict[str, set[str]] = defaultdict(set)
    countries: dict[str, set[str]] = defaultdict(set)
    is_person: set[str] = set()
    for a in analyses:
        row = mention_entity_node[a.article.id]
        for i, m in enumerate(a.mentions):
            node = row[i]
            if node is None or node.startswith("C:"):
                continue
            if m.kind == "name" and types.get(norm(_name_of(m)), m.type) == "PERSON":
                is_person.add(node)
                if m.nationality_of:
                    countries[node].add(m.nationality_of)
            texts = [r.text for r in m.roles] + ([m.text] if _role_nominal(m) else [])
            for text in texts:
                role_words[node] |= {w.strip(",.;:'").lower() for w in text.replace("'s", " ").split()}
                countries[node] |= _words_countries(text)
    for a, row, i, m in _unlinked_role_nominals(analyses, mention_entity_node):
        if m.text.split()[0].lower() in ("his", "her", "their", "my", "our", "your"):
            continue  # "her press secretary" is someone else
        mine = _words_countries(m.text)
        head = (m.head or "").lower()
        caps = {w.strip(",.;:'").lower() for w in m.text.replace("'s", " ").split()[1:]
                if w[:1].isupper() and not _words_countries(w) and w.lower().rstrip(".") not in lexicon.titles()
                and w.lower() not in lexicon.role_nouns()}
        best = None
        for k in range(i - 1, -1, -1):
            node = row[k]
            if node is None or node not in is_person or a.mentions[k].kind != "name":
                continue
            if mine and not (mine & countries[node]):
                continue
            if caps and not caps <= role_words[node]:
                continue  # "the Democratic nominee" for someone never called Democratic
            if head in role_words[node] or (head in GENERIC_ROLE_HEADS and mine & countries[node]):
                best = node
                break
        if best is not None:
            old, root = row[i], _chain_root(a.mentions, i)
            for k in range(len(a.mentions)):
                if (old is not None and row[k] == old) or (old is None and _chain_root(a.mentions, k) == root
                                                         and row[k] is None):
                    row[k] = best
            row[i] = best


def _link_role_phrases(analyses, mention_entity_node) -> None:
    """A definite person nominal its article leaves unresolved ("the Republican
    president") joins the one entity another article gave exactly that role
    phrase; bare one-word roles ("the president") are too common to decide."""
    holders: dict[str, set[str]] = defaultdict(set)
    for a in analyses:
        row = mention_entity_node[a.article.id]
        for i, m in enumerate(a.mentions):
            node = row[i]
            if node is None or node.startswith("C:"):
                continue
            for r in m.roles:
                holders[_phrase(r.text)].add(node)
            if _role_nominal(m):
                holders[_phrase(m.text)].add(node)
    for a, row, i, m in _unlinked_role_nominals(analyses, mention_entity_node):
        phrase = _phrase(m.text)
        nodes = holders.get(phrase, set())
        if len(phrase.split()) < 2 or len(nodes) != 1:
            continue
        node = next(iter(nodes))
        root, old = _chain_root(a.mentions, i), row[i]
        for k in range(len(a.mentions)):
            if row[k] == old and (old is not None or _chain_root(a.mentions, k) == root):
                row[k] = node
        row[i] = node


def _courtesy_bare(name: str) -> str:
    """A name without a leading courtesy title ("Mr Jolly" -> "Jolly")."""
    words = name.split()
    return " ".join(words[1:]) if len(words) > 1 and words[0].lower().rstrip(".") in lexicon.honorifics() else name


def _legal_form(name: str) -> bool:
    """A name ending in a company's form (``org_suffixes.txt``: "Transocean Ltd.", "BP Plc")."""
    words = name.replace(",", " ").split()
    return len(words) > 1 and words[-1].lower().rstrip(".") in lexicon.org_suffixes()


def _build_entities(analyses, mention_entity_node, types, unnamed=False):
    members: dict[str, list] = defaultdict(list)  # node -> [(article, mention)]
    for a in analyses:
        for i, node in enumerate(mention_entity_node[a.article.id]):
            if node is not None:
                members[node].append((a, a.mentions[i]))
    ids: dict[str, str] = {}
    entities = []
    used: set[str] = set()
    for node, ms in members.items():
        names = [m for _, m in ms if m.kind == "name"]
        if not names:
            if not unnamed:
                continue
            names = [max((m for _, m in ms), key=lambda m: (m.kind == "nominal", len(m.text)))]
        type_counts = Counter(types.get(norm(_name_of(m)), m.type) for m in names)
        type_ = type_counts.most_common(1)[0][0]
        forms = Counter(display(_name_of(m)) for m in names)
        shown = _case_merged(forms)
        if type_ in LEGAL_FORM_OVERRULES and any(_legal_form(f) for f in forms):
            type_ = "ORG"  # "Transocean Ltd": a company, however often the bare name reads as a place
        if type_ == "PERSON":
            # the end of a longer name is a short form of it: "Wasserman Schultz" of
            # "Debbie Wasserman Schultz", however often it is written
            # (a courtesy title aside: "Mr Jolly" is a short form of "Derek Jolly")
            full = [f for f in shown if not any(g.endswith(" " + _courtesy_bare(f)) for g in shown
                                                if _courtesy_bare(g) != _courtesy_bare(f))] or list(shown)
            canonical = max(full, key=lambda f: (len(f.split()) > 1, shown[f], len(f), f))
        else:
            canonical = max(shown, key=lambda f: (shown[f], len(f), f))
        eid = _eid(type_, canonical)
        while eid in used:
            eid = _eid(type_, canonical + "#" + eid)
        used.add(eid)
        ids[node] = eid
        roles = []
        seen_roles = set()
        for a, m in ms:
            day = article_day(a.article, a.timexes)  # a date line dates an article given none
            cands = [r if r.date or not day else dataclasses.replace(r, date=day) for r in m.roles]
            if _role_nominal(m) and not m.plural and (m.definite or m.antecedent is not None) \
                    and not lexicon.future_modifiers() & set(m.text.lower().split()):  # "the next president"
                cands.append(Role(text=m.text, article_id=m.article_id, start=m.start, end=m.end,
                                  date=day, source="storyline.entities.roles.nominal.v1"))
            for r in cands:
                k = (r.article_id, re.sub(r"^(?:the|a|an)\s+", "", " ".join(r.text.lower().split())))
                if k not in seen_roles:
                    seen_roles.add(k)
                    roles.append(r)
        roles.sort(key=lambda r: (r.date or "", r.article_id, r.start))
        metonyms = Counter(m.metonym_of for m in names if m.metonym_of)
        metonym_of = None
        if metonyms and sum(metonyms.values()) * 2 >= len(names):
            metonym_of = metonyms.most_common(1)[0][0]
        ambiguous = node.endswith(":-1")
        entities.append(Entity(
            id=eid, name=canonical, type=type_, names=tuple(sorted(forms)), roles=tuple(roles),
            mention_count=len(ms), article_ids=tuple(sorted({a.article.id for a, _ in ms})),
            source=SOURCE, confidence=0.5 if ambiguous else 0.8,
            nationalities=_merge_nationalities(names, roles), metonym_of=metonym_of))
    mention_entity = {aid: [ids.get(n) if n is not None else None for n in row]
                      for aid, row in mention_entity_node.items()}
    entities.sort(key=lambda e: (-e.mention_count, e.name))
    return entities, mention_entity
