"""The CS336 handout's `requests` examples, unchanged in form, against a training API.

Usage: python3 tests/python/handout_examples.py BASE_URL API_KEY

Checks the documented bodies and status codes of api-2025.md and exits non-zero on the first
mismatch. Exit code 3 means `requests` is not installed.
"""
import json
import sys

try:
    import requests
except ImportError:
    print("python3 has no 'requests' module: pip install requests", file=sys.stderr)
    sys.exit(3)


def check(condition, what):
    if not condition:
        print("FAILED: " + what, file=sys.stderr)
        sys.exit(1)
    print("ok: " + what)


def main(base, key):
    config = {
        "d_model": 1024,
        "num_layers": 24,
        "num_heads": 16,
        "batch_size": 128,
        "learning_rate": 0.001,
        "train_flops": int(1e16),
        "api_key": key,
    }
    # A fresh key has used nothing: a bare float 0.0.
    r = requests.get(base + "/total_flops_used", {"api_key": key})
    check(r.status_code == 200 and r.json() == 0.0 and r.text.strip() == "0.0", "fresh key: /total_flops_used is 0.0 (%s)" % r.text)

    # The handout's valid query.
    r = requests.get(base + "/loss", config)
    body = r.json()
    check(r.status_code == 200, "valid query answers 200 (%d %s)" % (r.status_code, r.text))
    check(set(body) == {"loss", "total_flops_used"}, "body has loss and total_flops_used")
    check(isinstance(body["loss"], float), "loss is a float")
    check(isinstance(body["total_flops_used"], int) and body["total_flops_used"] == int(1e16),
          "total_flops_used is the integer 10000000000000000")

    # A repeat is free and identical.
    again = requests.get(base + "/loss", config).json()
    check(again == body, "a repeated query returns the same loss and total")

    # train_flops sent as a float is the same query.
    as_float = dict(config, train_flops=1e16)
    check(requests.get(base + "/loss", as_float).json() == body, "train_flops=1e+16 is the same query")

    # The handout's invalid d_model.
    r = requests.get(base + "/loss", dict(config, d_model=9999))
    check(r.status_code == 404, "d_model=9999 answers 404 (%d)" % r.status_code)
    check(r.json() == {"message": "d_model must be in range [64, 1024], got 9999"}, "d_model=9999 message: %s" % r.text)

    # /total_flops_used after one distinct query.
    r = requests.get(base + "/total_flops_used", {"api_key": key})
    check(r.status_code == 200 and r.json() == 1e16 and isinstance(r.json(), float), "/total_flops_used is 1e16 as a float (%s)" % r.text)

    # /previous_runs.
    r = requests.get(base + "/previous_runs", {"api_key": key})
    runs = r.json()["previous_runs"]
    expected = dict(config)
    del expected["api_key"]
    expected["loss"] = body["loss"]
    check(r.status_code == 200 and runs == [expected], "/previous_runs lists the one run: %s" % json.dumps(runs))

    # A key with a stray newline is a different key.
    r = requests.get(base + "/total_flops_used", {"api_key": key + "\n"})
    check(r.status_code in (200, 401), "a key with a newline is another key (%d %s)" % (r.status_code, r.text))
    if r.status_code == 200:
        check(r.json() == 0.0, "the newline key has spent nothing")
    else:
        check(r.json() == {"message": "Invalid API key provided: %s\n" % key}, "invalid key message")
    print("all handout examples passed")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1].rstrip("/"), sys.argv[2])
