# Writes cases.json: values, and what PyYAML's yaml.dump and Python's json.dumps(v, indent=4)
# print for them. Run with Python 3 and PyYAML 6 (python3 gen.py); see README.md.
import json
import sys

import yaml

long_desc = ("Grants permission to create a new Amazon Connect instance with all the trimmings, "
             "and then some more words to wrap")
strings = [
    "", " ", "a", "*", "-", "- x", "-x", "?", "? x", ":", ": x", "a: b", "a:b", "a #b", "a#b",
    "#a", "&a", "!a", "|a", ">a", "'a", "\"a", "%a", "@a", "`a",
    "a,b", "[a]", "{a}", "a[b]", "a{b}", "arn:${Partition}:s3:::${BucketName}",
    "s3:ExistingObjectTag/<key>", "---", "--- a", "...", "...a",
    "yes", "No", "on", "OFF", "true", "False", "null", "Null", "~", "=", "<<", "123", "-12", "+1",
    "0x1F", "0o17", "017", "0b101", "1_000", "1.5", ".5", "1e5", "1.0e+5", "-.inf", ".NaN",
    "1:30", "190:20:30.15",
    "2020-01-01", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "12:30", "v1.0",
    "trailing ", " leading", "two  spaces", "tab\there", "line\nbreak", "line\n", "\nlead",
    "a \nb", "a\n b", "café", "naïve ü", "emoji 😀", "zero\u200bwidth", "bom\ufeff", "nel\x85x",
    "nbsp\xa0x", "del\x7f",
    "quote ' inside", "dq \" inside", "back\\slash",
    long_desc, long_desc + ": with colon", "x" * 100, ("word " * 30).strip(),
    "'" + ("quoted word " * 12), "\t" + ("tab word " * 12),
    "a" * 79 + " b c", "a" * 80 + " b c", "a" * 81 + " b c", "a" * 78 + "  b",
]
cases = list(strings)
cases += [
    None, [], {}, strings, {"k": strings},
    {s: s for s in strings[:60] if s},
    {"b": [], "a": {}, "c": None, "d": [{"x": "y", "a": ["1", "yes"]}, {}],
     "e": {"z": [], "y": [[], ["a"]]}},
    {"k" * 130: "long key", "short": "v"},
    [[["deep"]], [], [{}], "x"],
    {("key " * 20).strip(): ("value " * 20).strip()},
    {"emoji😀": "ü"},
]
out = [{"value": v, "yaml": yaml.dump(v), "json": json.dumps(v, indent=4)} for v in cases]
with open("cases.json", "w") as f:
    json.dump(out, f, indent=1, ensure_ascii=True)
    f.write("\n")
print(len(out), "cases; PyYAML", yaml.__version__, "Python", sys.version.split()[0])

# resolve.json: strings, each with whether PyYAML's resolver reads it, written plain, as a
# string (not a bool, int, float, null, timestamp, merge or value).
import random

resolver = yaml.resolver.Resolver()
STR = "tag:yaml.org,2002:str"
rng = random.Random(11)
alphabet = "0123456789_+-.:eEbxXoTtZ \tabfinINaAFlsyY"
cand = set(strings) | {
    "0b", "0b2", "0x", "0xg", "-0x1f", "+0b1_0", "00", "08", "0_7", "-0", "1__", "_1", "1:60", "1:5",
    "1:05:9", "1:5.", "1:5.5", "-1:30", "0:30", "1.", "-.5", "+.5", ".", "._", "._1", ".1e", ".1e+",
    ".1e+1", "1.e-1", "1.0E+10", ".inf", "+.inf", ".Inf", ".INF", "inf", "-.NaN", "+.nan", ".nan",
    "2001-12-14", "2001-1-1", "2001-12-14T21:59:43Z", "2001-12-14t21:59:43.10Z", "2001-12-14 21:59:43",
    "2001-12-14  21:59:43.1 +5:30", "2001-12-14 21:59:43 Z", "2001-12-14 21:59:43-5", "2001-12-14 1:59:43",
    "2001-12-14 21:59:4", "2001-12-14 21:59:43+", "2001-12-14 21:59:43+123", "20011-12-14", "2001-123-14",
}
for _ in range(1500):
    cand.add("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 9))))
for _ in range(2000):
    cand.add("".join(rng.choice("0123456789_:.-+eEx") for _ in range(rng.randint(1, 8))))
for _ in range(1000):
    d = lambda lo, hi: "".join(rng.choice("0123456789") for _ in range(rng.randint(lo, hi)))
    t = d(3, 5) + "-" + d(1, 3) + "-" + d(1, 3)
    if rng.random() < 0.8:
        t += rng.choice(["T", "t", " ", "  ", "\t", "x"]) + d(1, 3) + ":" + d(1, 3) + ":" + d(1, 3)
        if rng.random() < 0.5:
            t += "." + d(0, 3)
        t += rng.choice(["", "Z", " Z", "+" + d(1, 3), "-" + d(1, 2) + ":" + d(1, 3), " -" + d(2, 2), "Q"])
    cand.add(t)
res = [[s, resolver.resolve(yaml.ScalarNode, s, (True, False)) == STR] for s in sorted(cand)]
with open("resolve.json", "w") as f:
    json.dump(res, f, separators=(",", ":"), ensure_ascii=True)
    f.write("\n")
print(len(res), "strings,", sum(1 for _, ok in res if not ok), "not strings")
