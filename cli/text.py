"""Human-readable renderings of status and change views."""

from __future__ import annotations

from typing import Any

from cli.output import table


def status_text(view: dict[str, Any]) -> str:
    """A status view as a few aligned lines."""
    known = f", as known at {view['known_at']}" if view["known_at"] else ""
    lines = [f"{view['name']} ({view['mission']}) on {view['at']}{known}"]
    if view["status"] is None and not view["partners"]:
        lines.append(f"  Nothing recorded by {view['at']}.")
    else:
        lines.append(f"  Status:         {view['status'] or 'not recorded'}")
        lines.append(f"  Launch target:  {view['target_launch'] or 'not recorded'}")
        lines.append(f"  Last change:    {view['since']}")
    if view["partners"]:
        rows = [[p["partner"], p["role"], p["standing"]] for p in view["partners"]]
        lines.append("  Partners:")
        lines += [
            "    " + line
            for line in table(["partner", "role", "standing"], rows).splitlines()
        ]
    if view["uncertain"]:
        lines.append(f"  Uncertain on {view['at']} (may or may not have happened yet):")
        lines += [
            f"    {u['occurred']}  {u['kind']}: {u['summary']}"
            for u in view["uncertain"]
        ]
    if view["sources"]:
        lines.append("  Sources:")
        lines += [f"    {cite(s)}" for s in view["sources"]]
    return "\n".join(lines)


def change_line(view: dict[str, Any]) -> str:
    """One change, e.g. `status: planned -> at_risk`."""
    before, after = view["from"] or "-", view["to"] or "-"
    if view["subject"] == "partner":
        return f"{view['partner']} ({view['role']}): {before} -> {after}"
    subject = "launch target" if view["subject"] == "target_launch" else "status"
    return f"{subject}: {before} -> {after}"


def cite(source: dict[str, Any]) -> str:
    """A source on one line."""
    parts = [source["publication"]]
    if source.get("title"):
        parts.append(f'"{source["title"]}"')
    parts += [source[k] for k in ("author", "published", "url") if source.get(k)]
    return ", ".join(parts)
