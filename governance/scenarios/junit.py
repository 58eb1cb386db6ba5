"""JUnit XML of a scenario run, for CI systems: one test suite per feature file."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import groupby

from governance.scenarios.report import scenario_text
from governance.scenarios.runner import RunResult


def junit_xml(result: RunResult) -> str:
    """`result` as JUnit XML: a testcase per scenario, a failure with its failing step."""
    root = ET.Element("testsuites", name="governance test")
    total = failures = errors = 0
    seconds = 0.0
    for file, group in groupby(result.scenarios, key=lambda s: s.file):
        scenarios = list(group)
        suite = ET.SubElement(root, "testsuite", name=file)
        failed = [s for s in scenarios if not s.passed]
        took = sum(s.seconds for s in scenarios)
        suite.set("tests", str(len(scenarios)))
        suite.set("failures", str(len(failed)))
        suite.set("errors", "0")
        suite.set("time", f"{took:.3f}")
        for scenario in scenarios:
            case = ET.SubElement(
                suite,
                "testcase",
                classname=scenario.feature or file,
                name=scenario.name,
                file=scenario.file,
                line=str(scenario.line),
                time=f"{scenario.seconds:.3f}",
            )
            step = scenario.failure
            if step is not None:
                failure = ET.SubElement(case, "failure", message=step.message.splitlines()[0])
                failure.text = scenario_text(scenario)
        total += len(scenarios)
        failures += len(failed)
        seconds += took
    if result.problems:
        suite = ET.SubElement(root, "testsuite", name="feature files")
        suite.set("tests", str(len(result.problems)))
        suite.set("failures", "0")
        suite.set("errors", str(len(result.problems)))
        for problem in result.problems:
            case = ET.SubElement(suite, "testcase", classname="feature files", name=problem.file)
            ET.SubElement(case, "error", message=problem.message).text = str(problem)
        total += len(result.problems)
        errors += len(result.problems)
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", str(errors))
    root.set("time", f"{seconds:.3f}")
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, "unicode") + "\n"
