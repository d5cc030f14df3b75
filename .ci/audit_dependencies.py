"""Run pip-audit on the installed environment: fail on a known vulnerability, warn if it cannot check.

pip-audit exits 1 both when it finds a vulnerability and when it cannot reach its
vulnerability database; this wrapper tells the two apart from its JSON report. A found
vulnerability fails CI; an unreachable database (or a package index that cannot answer
for any package) prints a warning and passes, so CI without network still runs.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

NETWORK_SIGNS = ("connection", "resolve", "timed out", "max retries", "network", "ssl", "proxy", "urlopen")


def main() -> int:
    """Audit, print a summary, and return the exit status for CI."""
    with tempfile.TemporaryDirectory() as folder:
        report_path = Path(folder) / "audit.json"
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip_audit",
                "--progress-spinner",
                "off",
                "--skip-editable",
                "--format",
                "json",
                "--output",
                str(report_path),
            ],
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )  # nosec B603 - fixed argument list, no shell
        report = (
            json.loads(report_path.read_text())
            if report_path.is_file() and report_path.stat().st_size
            else None
        )
    if report is None:
        message = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        if any(sign in (done.stderr or "").lower() for sign in NETWORK_SIGNS):
            print(f"WARNING: pip-audit could not reach its vulnerability database: {message[0]}")
            return 0
        print(f"pip-audit failed: {message[0]}", file=sys.stderr)
        return 1
    deps = report.get("dependencies", [])
    vulnerable = [d for d in deps if d.get("vulns")]
    audited = [d for d in deps if "skip_reason" not in d]
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions", [])) or "no fix yet"
            print(f"VULNERABLE: {dep['name']} {dep.get('version', '')}: {vuln['id']} (fixed in {fixes})")
    if vulnerable:
        return 1
    if not audited:
        print(f"WARNING: pip-audit could not check any of {len(deps)} packages (index unreachable?)")
        return 0
    print(
        f"pip-audit: no known vulnerabilities in {len(audited)} packages ({len(deps) - len(audited)} skipped)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
