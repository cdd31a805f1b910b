"""Writes float-formats.json and json-loads.json beside this folder.

Run with CPython 3.12 (the live app's Python) and pydantic-core 2.41.5 (pydantic 2.12.5):
    python3.12 -m venv /tmp/v && /tmp/v/bin/pip install pydantic==2.12.5
    /tmp/v/bin/python Tests/Fixtures/api2026/generators/make_tables.py
Both tables are seeded, so a rerun writes the same files.

* float-formats.json: [{"bits": hex of the IEEE-754 double, "python": json.dumps(x),
  "pydantic": model_dump_json of a float field}] for edge values and seeded random doubles.
* json-loads.json: [{"hex": the body's bytes, "value": json.dumps(json.loads(body),
  ensure_ascii=False, separators=(",", ":")) | null, "error": msg | null, "pos": int | null,
  "kind": "decode" | "other" | null}] for hand-written and seeded mutated bodies.
"""
import json, math, os, random, struct, sys
import pydantic, pydantic_core

assert sys.version_info[:2] == (3, 12), "the live app runs CPython 3.12"
assert pydantic_core.__version__ == "2.41.5"
HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rng = random.Random(2026)

def bits(x): return struct.pack(">d", x).hex()

class _M(pydantic.BaseModel):  # the app writes floats as fields of models (ser_json_inf_nan='null')
    x: float

def pyd(x): return _M(x=x).model_dump_json()[len('{"x":'):-1]

edge = [0.0, -0.0, 1.0, -1.0, 3.0, 30.0, 43200.0, 0.5, 0.1, 0.2, 0.1 + 0.2, 1 / 3, 2 / 3, 0.0003, 3e-4, 1e-4,
        1e-5, 1.5e-5, 9.99e-5, 1e-6, 1e-8, 1.5e-7, 1e-7, 0.00001, 0.000012345, 1e15, 9999999999999998.0, 1e16,
        1.5e16, 1.2345678901234568e17, 1234567890123456.0, 123456789012345.6, 5e-324, 2.2250738585072014e-308,
        2.225073858507201e-308, 1.7976931348623157e308, 123456.789, 10.18408550300228, 43128.815914497,
        71.18408550300228, 2.0 ** 53, 2.0 ** 53 + 2, 2.0 ** 63, 2.0 ** 64, 1e21, 1e22, 1e23, 9.5e-5, 100.0,
        1e100, 1e-100, 1.7e-310, 9.625, 8.92578125, 7.2, 2.75, 2.9, 0.95, 0.9, 0.01, 0.05, 1e6, 1e300]
values = edge + [-x for x in edge if x != 0]
while len(values) < 700:
    if rng.random() < 0.5:
        x = struct.unpack(">d", rng.getrandbits(64).to_bytes(8, "big"))[0]
        if not math.isfinite(x): continue
    else:
        x = float(f"{rng.randint(1, 10 ** rng.randint(1, 17))}e{rng.randint(-30, 30)}")
    values.append(x)
floats = [{"bits": bits(x), "python": json.dumps(x), "pydantic": pyd(x)} for x in values]
floats += [{"bits": bits(x), "python": json.dumps(x), "pydantic": pyd(x)}
           for x in (math.nan, math.inf, -math.inf)]
with open(os.path.join(HERE, "float-formats.json"), "w") as f:
    json.dump(floats, f, indent=0); f.write("\n")

hand = [
    '{"a": 1}', '{"a":1,"b":[1,2.5,null,true,false,"x"]}', '', ' ', '{', '}', '[', ']', '{"a"', '{"a":', '{"a":1',
    '{"a":1,', '{"a":1,}', '[1,]', '[1 2]', '{"a" 1}', '{a:1}', "{'a':1}", '{not json', 'nul', 'null', 'true',
    'false', 'NaN', 'Infinity', '-Infinity', '-Inf', '[NaN, Infinity, -Infinity]', '-', '-0', '-0.0', '0', '01',
    '1.', '1.e5', '1e', '1e+', '1e-', '1E5', '1.5e+3', '.5', '+1', '1' * 30, '-' + '1' * 30, '1' * 4300,
    '1' * 4301, '-' + '1' * 4301, '1e400', '-1e400', '1' * 400 + '.0', '"abc"', '"a\\"b"', '"\\u00e9"',
    '"\\ud83d\\ude00"', '"\\ud83d"', '"\\ude00"', '"\\ud83dx"', '"\\ud83d\\u0041"', '"\\ud83d\\uZZZZ"', '"\\u12"',
    '"\\u12', '"\\uZZZZ"', '"\\x"', '"\\', '"abc', '"a\nb"', '"a\tb"', '"\x7f"', '"é"', '"\U0001F600"',
    '{"a":1,"b":2,"a":3}', '{"a":1,"a":2}', '[1,2] x', '[1,2]  ', '\t\n\r [1] \r\n', '\ufeff[1]', '[\ufeff1]',
    '{"a":{"b":{"c":[[[]]]}}}', '[1,2,3', '{"":0}', '[-]', '[--1]', '[1.5.5]', '[0x10]', '[1_000]',
    '{"a":1}{"b":2}', 'true false', '[truex]', '[nulll]', '[True]', '"\\/"', '"\\b\\f\\n\\r\\t"', '[1e5, 1E-5]',
]
bodies = [h.encode("utf-8", "surrogatepass") for h in hand]
bodies += [b'\xef\xbb\xbf{"a":1}', b'\xef\xbb\xbf\xef\xbb\xbf{}', b'\xff\xfe{\x00}\x00', b'\xfe\xff\x00[\x001\x00]',
           b'[\x001\x00]\x00', b'\x00[\x001\x00]', b'[\x00\x00\x00]\x00\x00\x00', b'\x00\x00\x00[\x00\x00\x00]',
           b'\xff\xfe\x00\x00[\x00\x00\x00]\x00\x00\x00', b'"\xed\xa0\x80"', b'"\xc3\x28"', b'"\xe2\x82"', b'"\xf4\x90\x80\x80"',
           b'"\xc0\xaf"', b'{"a\xff": 1}', b'1\x00', b'\x001', b'[1, 2]\x00', b'"\xe0\x80\x80"', b'"\xf0\x9f\x98\x80"',
           b'\xff\xfe[\x00', b'[\x00\x00\x00\x00\xd8\x00\x00]\x00\x00\x00']
seeds = [h for h in hand if h] + [
    '{"architecture_config": {"attention_bias": false, "head_dim": 64, "rms_norm_eps": 1e-06}, "n": [1, 2.5, null]}',
    '{"x": "a\\u00e9\\n", "y": [true, false, NaN], "z": {"w": -0.0}}']
alphabet = list('{}[]:,"\\ntrufalsNIy-+.eE0123456789 \t\n') + ['\x00', '\x1f', 'é', '\ud800']
for _ in range(600):
    s = list(rng.choice(seeds))
    for _ in range(rng.randint(1, 4)):
        op = rng.random()
        i = rng.randint(0, len(s))
        if op < 0.4 and s: s.pop(min(i, len(s) - 1))
        elif op < 0.8: s.insert(i, rng.choice(alphabet))
        elif s: s[min(i, len(s) - 1)] = rng.choice(alphabet)
    bodies.append("".join(s).encode("utf-8", "surrogatepass"))

def outcome(b):
    try:
        v = json.loads(b)
    except json.JSONDecodeError as e:
        return {"value": None, "error": e.msg, "pos": e.pos, "kind": "decode"}
    except (UnicodeDecodeError, ValueError):
        return {"value": None, "error": None, "pos": None, "kind": "other"}
    text = json.dumps(v, ensure_ascii=False, separators=(",", ":"))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate, which Swift holds as U+FFFD: only "it parses" is compared
        text = None
    return {"value": text, "error": None, "pos": None, "kind": None}

seen, rows = set(), []
for b in bodies:
    if b in seen: continue
    seen.add(b)
    rows.append({"hex": b.hex(), **outcome(b)})
with open(os.path.join(HERE, "json-loads.json"), "w") as f:
    json.dump(rows, f, indent=0, ensure_ascii=False); f.write("\n")
print(len(floats), "floats,", len(rows), "bodies")
