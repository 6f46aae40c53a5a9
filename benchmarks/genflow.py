"""Generated flows of any size, for benchmarks and scale tests.

    from genflow import generate_flow
    text = generate_flow(2000, seed=0)      # YAML text of a 2,000-state flow

The flow is shaped like a real customer-service bot, repeated: a chain of
menus (reply buttons, every fourth a WhatsApp list message), each offering
a service that collects a slot (regex, phone, email, number or OTP), checks
it with an action whose outcomes are routed (one route with a condition),
and confirms it back with `{slot}`; an info page; and "next menu". A
handoff intent is routed in `global` to an escalate state, the fallback
re-prompts with variants and then hands over. It is valid and clean under
every `alur check` rule, for the channels it declares (WhatsApp and SMS),
so a benchmark measures the checker's work, not its reporting.

Exactly `states` states (at least 7); `seed` varies wording and slot types.
"""

from __future__ import annotations

import json
import random

_SLOTS = (
    ("regex", '{type: regex, pattern: "REF-[0-9]{6}"}', "nomor referensi (contoh: REF-123456)"),
    ("phone", "{type: phone}", "nomor HP yang terdaftar"),
    ("email", "{type: email}", "alamat email Anda"),
    ("number", "{type: number, min: 1, max: 100}", "jumlah barang (1-100)"),
    ("otp", "{type: otp, length: 6, sensitive: true}", "kode OTP 6 angka dari SMS"),
)
_SERVICES = (
    "cek pesanan",
    "lacak paket",
    "ubah alamat",
    "tukar poin",
    "aktivasi kartu",
    "cek tagihan",
    "klaim garansi",
    "daftar member",
)
_VERBS = ("mau", "pengen", "tolong", "bisa", "saya mau", "min mau")


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def generate_flow(states: int, seed: int = 0) -> str:
    """YAML text of a realistic, clean flow with exactly `states` states."""
    if states < 7:
        raise ValueError("a generated flow has at least 7 states")
    rng = random.Random(seed)
    blocks = (states - 2) // 5
    extra = (states - 2) % 5
    slots: list[str] = []
    intents: list[str] = []
    body: list[str] = []
    after_last_menu = "extra_0" if extra else "done"

    for k in range(blocks):
        service = _SERVICES[rng.randrange(len(_SERVICES))]
        kind, spec, label = _SLOTS[rng.randrange(len(_SLOTS))]
        slot = f"{kind}_{k}"
        slots.append(f"  {slot}: {spec}")
        verb = _VERBS[rng.randrange(len(_VERBS))]
        intents += [
            f"  svc_{k}:",
            f"    examples: [{_q(f'{verb} {service} {k}')}, {_q(f'layanan {service} nomor {k}')}, {_q(f'{verb} {service} {k} please')}]",
            f"  info_{k}:",
            f"    examples: [{_q(f'info layanan {k}')}, {_q(f'jelaskan layanan {k} dong')}, {_q(f'info about service {k}')}]",
            f"  next_{k}:",
            f"    examples: [{_q(f'menu berikutnya {k}')}, {_q(f'lanjut ke menu setelah {k}')}, {_q(f'more options {k}')}]",
        ]
        following = f"menu_{k + 1}" if k + 1 < blocks else after_last_menu
        as_list = k % 4 == 3
        if as_list:
            intents += [
                f"  promo_{k}:",
                f"    examples: [{_q(f'promo spesial {k}')}, {_q(f'ada diskon {k}?')}, {_q(f'lihat promo diskon {k}')}]",
            ]
        body += [
            f"  menu_{k}:",
            f"    say: {_q(f'Menu {k}: mau dibantu apa? Pilih salah satu ya.')}",
        ]
        if as_list:
            body.append('    list_button: "Pilih menu"')
        body += [
            "    buttons:",
            f"      - {{title: {_q(f'Layanan {k}')}, intent: svc_{k}}}",
            f"      - {{title: {_q(f'Info {k}')}, intent: info_{k}}}",
            f"      - {{title: {_q('Menu lain')}, intent: next_{k}}}",
        ]
        if as_list:
            body.append(
                f"      - {{title: {_q(f'Promo {k}')}, intent: promo_{k}, description: {_q('Diskon bulan ini')}}}"
            )
        body += [
            "    on:",
            f"      svc_{k}: ask_{k}",
            f"      info_{k}: info_{k}",
            f"      next_{k}: {following}",
        ]
        if as_list:
            body.append(f"      promo_{k}: info_{k}")
        body += [
            f"  ask_{k}:",
            f"    say: {_q(f'Untuk {service}, kirim {label} ya.')}",
            f"    collect: {slot}",
            f"    next: check_{k}",
            f"  check_{k}:",
            f"    action: verify_{k % 50}",
            "    on:",
            f"      - {{event: ok, if: {_q(f'{slot} is set')}, goto: confirm_{k}}}",
            f"      - {{event: not_found, goto: ask_{k}}}",
            "      - {event: error, goto: handoff}",
            f"  confirm_{k}:",
            f"    say: {_q('Kode sudah kami terima, terima kasih.' if kind == 'otp' else f'Data {{{slot}}} sudah kami catat.')}",
            f"    next: {following}",
            f"  info_{k}:",
            f"    say: {_q(f'Layanan {k} ({service}) bisa dipakai 24 jam lewat aplikasi.')}",
            f"    next: menu_{k}",
        ]
    for i in range(extra):
        body += [
            f"  extra_{i}:",
            f"    say: {_q(f'Catatan {i + 1}: jam layanan 08.00-22.00.')}",
            f"    next: {f'extra_{i + 1}' if i + 1 < extra else 'done'}",
        ]
    body += [
        "  handoff:",
        "    escalate: true",
        '    say: "Mohon tunggu, kami hubungkan dengan agen kami."',
        "  done:",
        "    end: true",
        '    say: "Terima kasih sudah menghubungi kami!"',
    ]
    head = [
        "alur: 1",
        f"flow: generated_{states}",
        f"title: Generated flow with {states} states",
        "locale: id-ID",
        "channels: [whatsapp, sms]",
        "start: menu_0",
        "",
        "slots:",
        *slots,
        "",
        "intents:",
        *intents,
        "  talk_to_human:",
        "    handoff: true",
        '    examples: ["mau bicara dengan CS", "sambungkan ke agen", "talk to a human"]',
        "",
        "global:",
        "  talk_to_human: handoff",
        "",
        "fallback:",
        "  max_retries: 2",
        "  then: handoff",
        '  say: ["Maaf, kami belum paham. Pilih salah satu tombol ya.", "Masih belum kebaca. Ketik CS untuk bicara dengan agen."]',
        "",
        "states:",
    ]
    return "\n".join(head + body) + "\n"
