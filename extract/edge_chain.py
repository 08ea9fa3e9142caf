"""pdfplumber's ruled-table chain (edges -> intersections -> cells -> tables), vendored.

The four functions ``extract/tables.py`` uses from ``pdfplumber.table`` (0.11.10) with
the helpers they call, kept to the same steps and order so that they give the same
cells: importing them from pdfplumber loads pdfminer and pdfplumber's whole reader
(about 0.2 s at every start) for some 150 lines of geometry.
``tests/test_edge_chain.py`` checks them against pdfplumber on the corpus.

pdfplumber is Copyright (c) 2015, Jeremy Singer-Vine, under the MIT License:
Permission is hereby granted, free of charge, to any person obtaining a copy of this
software and associated documentation files (the "Software"), to deal in the Software
without restriction, including without limitation the rights to use, copy, modify,
merge, publish, distribute, sublicense, and/or sell copies of the Software, and to
permit persons to whom the Software is furnished to do so, subject to the following
conditions: The above copyright notice and this permission notice shall be included in
all copies or substantial portions of the Software. THE SOFTWARE IS PROVIDED "AS IS",
WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from operator import itemgetter
from typing import Any

Edge = dict[str, Any]
Point = tuple[float, float]
Box = tuple[float, float, float, float]
Intersections = dict[Point, dict[str, list[Edge]]]

_bbox_of: Callable[[Edge], Box] = itemgetter("x0", "top", "x1", "bottom")


def cluster_list(xs: list[float], tolerance: float = 0) -> list[list[float]]:
    """Given values, them sorted in clusters of neighbours within tolerance."""
    if tolerance == 0 or len(xs) < 2:
        return [[x] for x in sorted(xs)]
    groups = []
    xs = sorted(xs)
    current = [xs[0]]
    last = xs[0]
    for x in xs[1:]:
        if x <= last + tolerance:
            current.append(x)
        else:
            groups.append(current)
            current = [x]
        last = x
    groups.append(current)
    return groups


def cluster_objects(edges: list[Edge], attr: str, tolerance: float) -> list[list[Edge]]:
    """Given edges and an attribute, the edges grouped by clusters of that attribute."""
    clusters = cluster_list(list({e[attr] for e in edges}), tolerance)
    index = {value: i for i, cluster in enumerate(clusters) for value in cluster}
    ordered = sorted(((e, index[e[attr]]) for e in edges), key=itemgetter(1))
    return [[e for e, _ in group] for _, group in itertools.groupby(ordered, key=itemgetter(1))]


def move_object(edge: Edge, axis: str, value: float) -> Edge:
    """Given an edge, it moved by value along axis ("h": x, "v": y)."""
    if axis == "h":
        items = [("x0", edge["x0"] + value), ("x1", edge["x1"] + value)]
    else:
        items = [("top", edge["top"] + value), ("bottom", edge["bottom"] + value)]
        if "doctop" in edge:
            items.append(("doctop", edge["doctop"] + value))
        if "y0" in edge:
            items += [("y0", edge["y0"] - value), ("y1", edge["y1"] - value)]
    return edge.__class__(tuple(edge.items()) + tuple(items))


def snap_objects(edges: Iterable[Edge], attr: str, tolerance: float) -> list[Edge]:
    """Given edges, those within tolerance on attr snapped to their cluster's mean."""
    axis = {"x0": "h", "x1": "h", "top": "v", "bottom": "v"}[attr]
    clusters = cluster_objects(list(edges), attr, tolerance)
    means = [sum(e[attr] for e in cluster) / len(cluster) for cluster in clusters]
    return [
        move_object(e, axis, mean - e[attr])
        for cluster, mean in zip(clusters, means, strict=True)
        for e in cluster
    ]


def resize_object(edge: Edge, key: str, value: float) -> Edge:
    """Given an edge, it with one side (x0, x1, top, bottom) moved to value."""
    diff = value - edge[key]
    items: list[tuple[str, float]] = [(key, value)]
    if key == "x0":
        items.append(("width", edge["x1"] - value))
    elif key == "x1":
        items.append(("width", value - edge["x0"]))
    elif key == "top":
        items += [("doctop", edge["doctop"] + diff), ("height", edge["height"] - diff)]
        if "y1" in edge:
            items.append(("y1", edge["y1"] - diff))
    else:
        items.append(("height", edge["height"] + diff))
        if "y0" in edge:
            items.append(("y0", edge["y0"] - diff))
    return edge.__class__(tuple(edge.items()) + tuple(items))


def snap_edges(edges: list[Edge], x_tolerance: float, y_tolerance: float) -> list[Edge]:
    """Given edges, vertical ones snapped on x0 and horizontal ones on top."""
    vertical = [e for e in edges if e["orientation"] == "v"]
    horizontal = [e for e in edges if e["orientation"] == "h"]
    return snap_objects(vertical, "x0", x_tolerance) + snap_objects(horizontal, "top", y_tolerance)


def join_edge_group(edges: Iterable[Edge], orientation: str, tolerance: float) -> list[Edge]:
    """Given edges on one line, those closer than tolerance joined into one."""
    low, high = ("x0", "x1") if orientation == "h" else ("top", "bottom")
    ordered = sorted(edges, key=itemgetter(low))
    joined = [ordered[0]]
    for edge in ordered[1:]:
        last = joined[-1]
        if edge[low] <= last[high] + tolerance:
            if edge[high] > last[high]:
                joined[-1] = resize_object(last, high, edge[high])
        else:
            joined.append(edge)
    return joined


def merge_edges(
    edges: list[Edge], snap_x: float, snap_y: float, join_x: float, join_y: float
) -> list[Edge]:
    """Given edges, them snapped to common lines and joined along each line."""

    def group(edge: Edge) -> tuple[str, float]:
        return ("h", edge["top"]) if edge["orientation"] == "h" else ("v", edge["x0"])

    if snap_x > 0 or snap_y > 0:
        edges = snap_edges(edges, snap_x, snap_y)
    return [
        joined
        for key, items in itertools.groupby(sorted(edges, key=group), key=group)
        for joined in join_edge_group(items, key[0], join_x if key[0] == "h" else join_y)
    ]


def edges_to_intersections(
    edges: list[Edge], x_tolerance: float = 1, y_tolerance: float = 1
) -> Intersections:
    """Given edges, the points where a vertical and a horizontal one cross, with them."""
    found: Intersections = {}
    vertical = sorted((e for e in edges if e["orientation"] == "v"), key=itemgetter("x0", "top"))
    horizontal = sorted((e for e in edges if e["orientation"] == "h"), key=itemgetter("top", "x0"))
    for v in vertical:
        for h in horizontal:
            if (
                v["top"] <= h["top"] + y_tolerance
                and v["bottom"] >= h["top"] - y_tolerance
                and v["x0"] >= h["x0"] - x_tolerance
                and v["x0"] <= h["x1"] + x_tolerance
            ):
                vertex = (v["x0"], h["top"])
                if vertex not in found:
                    found[vertex] = {"v": [], "h": []}
                found[vertex]["v"].append(v)
                found[vertex]["h"].append(h)
    return found


def intersections_to_cells(intersections: Intersections) -> list[Box]:
    """Given crossing points, the smallest cell whose four corners connect, per top-left point."""
    boxes = {
        point: {kind: {_bbox_of(e) for e in edges} for kind, edges in found.items()}
        for point, found in intersections.items()
    }

    def connects(p1: Point, p2: Point) -> bool:
        if p1[0] == p2[0] and boxes[p1]["v"] & boxes[p2]["v"]:
            return True
        return p1[1] == p2[1] and bool(boxes[p1]["h"] & boxes[p2]["h"])

    points = sorted(intersections)
    same_x: dict[float, list[Point]] = {}
    same_y: dict[float, list[Point]] = {}
    for point in points:  # in sorted order, so each list runs down or right
        same_x.setdefault(point[0], []).append(point)
        same_y.setdefault(point[1], []).append(point)
    cells: list[Box] = []
    for point in points[:-1]:
        column, row = same_x[point[0]], same_y[point[1]]
        below = column[column.index(point) + 1 :]  # the points after it with its x
        right = row[row.index(point) + 1 :]  # the points after it with its y
        cell = _smallest_cell(point, below, right, intersections, connects)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest_cell(
    point: Point,
    below: list[Point],
    right: list[Point],
    intersections: Intersections,
    connects: Callable[[Point, Point], bool],
) -> Box | None:
    """Given a point and the points below and right of it, its smallest closed cell."""
    for below_pt in below:
        if not connects(point, below_pt):
            continue
        for right_pt in right:
            if not connects(point, right_pt):
                continue
            corner = (right_pt[0], below_pt[1])
            if (
                corner in intersections
                and connects(corner, right_pt)
                and connects(corner, below_pt)
            ):
                return (point[0], point[1], corner[0], corner[1])
    return None


def cells_to_tables(cells: list[Box]) -> list[list[Box]]:
    """Given cells, the tables: groups of cells that touch at a corner, top to bottom."""

    def corners(box: Box) -> tuple[Point, Point, Point, Point]:
        x0, top, x1, bottom = box
        return ((x0, top), (x0, bottom), (x1, top), (x1, bottom))

    remaining = list(cells)
    current_corners: set[Point] = set()
    current: list[Box] = []
    tables: list[list[Box]] = []
    while remaining:
        before = len(current)
        for cell in list(remaining):
            cell_corners = corners(cell)
            if not current or any(c in current_corners for c in cell_corners):
                current_corners |= set(cell_corners)
                current.append(cell)
                remaining.remove(cell)
        if len(current) == before:
            tables.append(list(current))
            current_corners.clear()
            current.clear()
    if current:
        tables.append(list(current))
    ordered = sorted(tables, key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in ordered if len(t) > 1]
