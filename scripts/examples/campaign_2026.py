#!/usr/bin/env python3
"""A small CS336 assignment 3 (2026) campaign, written as a student would for the live service.

Submits a few training configs, polls each /experiment/{id} until it is done, reads /budget,
and POSTs the best run as the /final_submission. The base URL comes from A3_API_URL (default: the
live service), the key from A3_API_KEY (the 8-digit student id), as in the official client.

    A3_API_KEY=06123456 python3 scripts/examples/campaign_2026.py
    A3_API_URL=http://127.0.0.1:8000 A3_API_KEY=06123456 python3 scripts/examples/campaign_2026.py
"""
import os
import sys
import time

import requests

BASE_URL = os.environ.get("A3_API_URL", "http://hyperturing.stanford.edu:8000").rstrip("/")
API_KEY = os.environ.get("A3_API_KEY", "")
POLL_SECONDS = float(os.environ.get("A3_POLL_SECONDS", "10"))
if not (len(API_KEY) == 8 and API_KEY.isdigit()):
    raise ValueError("A3_API_KEY must be your 8-digit student id")
HEADERS = {"X-API-Key": API_KEY}


def config(hidden_size, layers, tokens, lr, max_runtime):
    heads = hidden_size // 64
    return {
        "architecture_config": {
            "attention_bias": False, "head_dim": 64, "hidden_size": hidden_size,
            "intermediate_size": 4 * hidden_size, "num_attention_heads": heads,
            "num_hidden_layers": layers, "num_key_value_heads": heads, "rms_norm_eps": 1e-6,
            "rope_theta": 1000000, "tie_word_embeddings": False, "dtype": "bfloat16", "vocab_size": 32000,
        },
        "optimizer_config": {
            "lr_scheduler": {"peak_value": lr, "final_lr_frac": 0.1, "warmup_frac": 0.05, "init_value": 0.0},
            "weight_decay": 0.01, "beta1": 0.9, "beta2": 0.95, "eps": 1e-8, "eps_root": 1e-8, "grad_clip_norm": 1.0,
        },
        "train_batch_size": 128, "val_batch_size": 32, "n_evals": 16,
        "total_train_tokens": tokens, "max_runtime_seconds": max_runtime, "model_seed": 0,
    }


def submit(cfg):
    r = requests.post(f"{BASE_URL}/submit", json=cfg, headers=HEADERS, timeout=30)
    if r.status_code == 409:
        print("already submitted; looking it up in /experiments")
        for e in requests.get(f"{BASE_URL}/experiments", headers=HEADERS, timeout=30).json():
            if e["training_config"] == cfg:
                return e["experiment_id"]
    r.raise_for_status()
    body = r.json()
    print(f"submitted experiment {body['experiment_id']}; budget {body['budget_summary']}")
    return body["experiment_id"]


def wait(experiment_id):
    while True:
        r = requests.get(f"{BASE_URL}/experiment/{experiment_id}", headers=HEADERS, timeout=30)
        r.raise_for_status()
        e = r.json()
        status = e["status"]
        if status["status_type"] in ("completed", "failed"):
            return e
        time.sleep(POLL_SECONDS)


def main():
    plan = [(256, 4, 16 * 1048576, 1e-3, 300.0), (384, 6, 16 * 1048576, 1e-3, 300.0),
            (448, 9, 8 * 1048576, 6e-4, 300.0)]
    ids = [submit(config(*p)) for p in plan]
    results = [wait(i) for i in ids]
    best = None
    for e in results:
        s = e["status"]
        if s["status_type"] == "completed":
            loss = s["val_losses"][-1]
            print(f"experiment {e['experiment_id']}: completed in {s['used_runtime_seconds']:.1f} s, final loss {loss:.4f}")
            if best is None or loss < best[0]:
                best = (loss, e["training_config"])
        else:
            print(f"experiment {e['experiment_id']}: failed ({s['reason']['reason']})")
    budget = requests.get(f"{BASE_URL}/budget", headers=HEADERS, timeout=30).json()
    print(f"budget: {budget['used_seconds']:.1f} s used, {budget['remaining_seconds']:.1f} s left")
    if best is None:
        print("no completed run to submit", file=sys.stderr)
        return 1
    r = requests.post(f"{BASE_URL}/final_submission", headers=HEADERS, timeout=30,
                      json={"training_config": best[1], "predicted_final_loss": best[0]})
    r.raise_for_status()
    print(f"final submission stored at {r.json()['submitted_at']}")
    check = requests.get(f"{BASE_URL}/final_submission", headers=HEADERS, timeout=30).json()
    assert check["predicted_final_loss"] == best[0]
    print("campaign finished")
    return 0


if __name__ == "__main__":
    sys.exit(main())
