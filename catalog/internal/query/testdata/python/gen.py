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
