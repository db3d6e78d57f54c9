"""What changed since the last send: a partial payload and the list of changed fields, both from the two payloads.

A child never sent is sent whole ("new"). A changed child is sent as the required fields plus only the parts that
differ from what the DfE last took; an item gone from a list is sent as its id with `purge: true`, a whole block
gone (health, adoption, care leavers) as `{"purge": true}`. Comparing payloads, not rows or timestamps, is what
keeps false changes out: a save of the same values, a clock refresh or a re-import gives the same payload.
"""

from dataclasses import dataclass, field
from typing import Any

from lantern.dfe_api.spec import ITEM_IDS, REQUIRED, WHOLE_BLOCKS, Payload


@dataclass
class Delta:
    payload: Payload
    changes: list[str] = field(default_factory=list)


def delta(current: Payload, sent: Payload) -> Delta:
    """The partial payload taking the DfE from `sent` to `current`, and the paths of what changed."""
    changes: list[str] = []
    out = {key: current[key] for key in REQUIRED}
    changes += _scalar_changes("child_details", current["child_details"], sent.get("child_details") or {})
    _block(out, changes, "health_and_wellbeing", current.get("health_and_wellbeing"), sent.get("health_and_wellbeing"))
    episodes = _items(
        "social_care_episodes", current.get("social_care_episodes", []), sent.get("social_care_episodes", []), changes
    )
    if episodes:
        out["social_care_episodes"] = episodes
    return Delta(out, changes)


def _scalar_changes(path: str, now: dict[str, Any], before: dict[str, Any]) -> list[str]:
    keys = sorted(set(now) | set(before))
    return [f"{path}.{key}" for key in keys if now.get(key) != before.get(key)]


def _block(out: Payload, changes: list[str], name: str, now: Any, before: Any, path: str = "") -> None:
    here = f"{path}{name}"
    if now == before:
        return
    if now is None:
        out[name] = {"purge": True}
        changes.append(f"{here} removed")
        return
    out[name] = now
    changes += _scalar_changes(here, now, before or {})


def _items(name: str, now: list[dict], before: list[dict], changes: list[str], path: str = "") -> list[dict]:
    """Changed, new and removed items of a list with ids, each with only what changed inside it."""
    id_field = ITEM_IDS[name]
    earlier = {item[id_field]: item for item in before}
    seen = set()
    result = []
    for item in now:
        key = item[id_field]
        seen.add(key)
        here = f"{path}{name}[{key}]"
        old = earlier.get(key)
        if old == item:
            continue
        if old is None:
            result.append(item)
            changes.append(f"{here} added")
            continue
        result.append(_changed_item(item, old, changes, here))
    for key in earlier:
        if key not in seen:
            result.append({id_field: key, "purge": True})
            changes.append(f"{path}{name}[{key}] removed")
    return result


def _changed_item(item: dict, old: dict, changes: list[str], here: str) -> dict:
    """An item's own fields (small, and the DfE needs them to place the item) plus only its changed sub-items."""
    out = {}
    for key, value in item.items():
        if key in ITEM_IDS:
            sub = _items(key, value, old.get(key, []), changes, f"{here}.")
            if sub:
                out[key] = sub
        elif key in WHOLE_BLOCKS:
            continue
        else:
            out[key] = value
            if old.get(key) != value:
                changes.append(f"{here}.{key}")
    for block in WHOLE_BLOCKS:
        if block in item or block in old:
            _block(out, changes, block, item.get(block), old.get(block), f"{here}.")
    return out
