"""Batch outputs: JSONL and Parquet sinks that survive a ``SIGKILL`` and resume without gaps.

Every row carries ``index``, the input's position in the (deterministic) input stream, so "what
is done" is a set of positions: :class:`~newsparse.batch_rows.IndexSet`, a prefix count plus the few
rows finished out of order (the pool never runs more than a window ahead, so that rest stays
small). ``--resume`` rebuilds that set from what is on disk and the run skips those positions.

JSONL: rows are appended to the output file itself, one line each, newline last. A kill can
only leave a partial *last* line (one writer, append-only), so resuming truncates the file
after its last newline, reads the ``index`` of every line and appends the rest. No row is
written twice (the done set skips it) and none is lost (everything after the last complete line
is redone).

Parquet: a Parquet file is unreadable until its footer is written, so rows go to committed
*parts* in ``OUT.parts/``: each part is written under a temporary name and renamed into place
with ``os.replace`` (atomic) once closed, every :data:`PART_ROWS` rows or
:data:`PART_SECONDS` seconds. Resuming deletes temporary leftovers and reads the ``index``
column of the committed parts. At the end the parts are streamed, row group by row group, into
``OUT`` (again via a temporary name and ``os.replace``) and the parts directory is removed. A
finished ``OUT`` met by ``--resume`` becomes part 0 (and any parts beside it are stale: a kill
between the rename and the clean-up), so rerunning a finished job is harmless. A run without
``--resume`` deletes both first.

To catch a resume against different inputs, the ids of a few positions (the end of the done
prefix and the stragglers) are remembered and compared with the inputs met at those positions.

The Arrow schema is derived from the pydantic models (:func:`model_spec` walks the fields and
computed fields; nested models become structs, lists lists, ``dict[str, str]`` maps, datetimes
UTC timestamps (a naive datetime is taken as UTC), ``Literal`` strings). ``newsparse.spark``
turns the same spec into a Spark schema.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import shutil
import sys
import time
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any, Literal, Protocol, Union

from pydantic import BaseModel

from newsparse.batch_rows import BatchRow, Encoding, IndexSet

OutputFormat = Literal["jsonl", "parquet"]
PARQUET_SUFFIXES = (".parquet", ".pq")
# Rows per Parquet row group: a few MB of articles, so the writer's memory stays small and flat.
ROW_GROUP_ROWS = 500
# A Parquet part is committed after this many rows or seconds, whichever comes first: that is
# the most work a kill can cost.
PART_ROWS = 20_000
PART_SECONDS = 60.0
# JSONL is flushed at least this often, so a kill loses little and ``tail -f`` shows progress.
FLUSH_SECONDS = 5.0
JSONL_BUFFER_BYTES = 1 << 20
# Resuming reads the index from the head of each JSONL line without decoding the whole row
# (pydantic writes fields in declaration order, ``index`` first).
_INDEX_PREFIX = re.compile(rb'^\{"index":(\d+),"id":("(?:[^"\\]|\\.)*")')


def _module(name: str) -> Any:
    """Import an optional dependency (pyarrow ships no type information: treat it as Any)."""
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise ImportError(
            f"{name} is needed for Parquet output: pip install 'newsparse[batch]'"
        ) from exc


# -- schema ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: TypeSpec
    nullable: bool


@dataclass(frozen=True)
class ListSpec:
    item: TypeSpec
    item_nullable: bool


@dataclass(frozen=True)
class MapSpec:
    key: TypeSpec
    value: TypeSpec
    value_nullable: bool


@dataclass(frozen=True)
class StructSpec:
    fields: tuple[FieldSpec, ...]


ScalarSpec = Literal["string", "int", "float", "bool", "timestamp"]
TypeSpec = ScalarSpec | ListSpec | MapSpec | StructSpec

_SCALARS: dict[type, ScalarSpec] = {
    str: "string",
    bool: "bool",  # before int: bool is an int subclass, but the dict lookup is exact anyway
    int: "int",
    float: "float",
    datetime: "timestamp",
}


def _type_spec(annotation: Any) -> tuple[TypeSpec, bool]:
    """The spec of one annotation and whether it admits ``None``."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (Union, types.UnionType):
        rest = [arg for arg in args if arg is not type(None)]
        if len(rest) != 1:
            raise TypeError(f"cannot map the union {annotation!r} to one column type")
        spec, _ = _type_spec(rest[0])
        return spec, len(rest) != len(args)
    if origin is Literal:
        kinds = {type(arg) for arg in args}
        if len(kinds) != 1 or next(iter(kinds)) not in _SCALARS:
            raise TypeError(f"cannot map {annotation!r} to one column type")
        return _SCALARS[next(iter(kinds))], False
    if origin is list:
        item, item_nullable = _type_spec(args[0])
        return ListSpec(item, item_nullable), False
    if origin is dict:
        key, _ = _type_spec(args[0])
        value, value_nullable = _type_spec(args[1])
        return MapSpec(key, value, value_nullable), False
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return model_spec(annotation), False
    if annotation in _SCALARS:
        return _SCALARS[annotation], False
    raise TypeError(f"no column type for {annotation!r}")


def model_spec(model: type[BaseModel]) -> StructSpec:
    """A pydantic model as a struct: its fields, then its computed fields (as ``model_dump``)."""
    fields = []
    for name, info in model.model_fields.items():
        spec, nullable = _type_spec(info.annotation)
        fields.append(FieldSpec(info.alias or name, spec, nullable))
    for name, computed in model.model_computed_fields.items():
        spec, nullable = _type_spec(computed.return_type)
        fields.append(FieldSpec(name, spec, nullable))
    return StructSpec(tuple(fields))


def arrow_type(spec: TypeSpec) -> Any:
    """The pyarrow type for a spec."""
    pa = _module("pyarrow")
    if isinstance(spec, StructSpec):
        return pa.struct([pa.field(f.name, arrow_type(f.type), f.nullable) for f in spec.fields])
    if isinstance(spec, ListSpec):
        return pa.list_(pa.field("item", arrow_type(spec.item), spec.item_nullable))
    if isinstance(spec, MapSpec):
        value = pa.field("value", arrow_type(spec.value), spec.value_nullable)
        return pa.map_(arrow_type(spec.key), value)
    scalars = {
        "string": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "timestamp": pa.timestamp("us", tz="UTC"),
    }
    return scalars[spec]


def arrow_schema(model: type[BaseModel] = BatchRow) -> Any:
    """The Arrow schema of ``model`` (by default the batch row: index, id, url, article, error)."""
    pa = _module("pyarrow")
    return pa.schema(
        [pa.field(f.name, arrow_type(f.type), f.nullable) for f in model_spec(model).fields]
    )


# -- format and resume helpers ---------------------------------------------------------------


def output_format(path: str, fmt: str | None) -> OutputFormat:
    """The format asked for, else the one the suffix names (``.parquet``/``.pq``), else JSONL."""
    if fmt is not None:
        if fmt not in ("jsonl", "parquet"):
            raise ValueError(f"unknown output format {fmt!r}")
        return "parquet" if fmt == "parquet" else "jsonl"
    return "parquet" if path.lower().endswith(PARQUET_SUFFIXES) else "jsonl"


class ResumeMismatch(ValueError):
    """The inputs are not the ones the interrupted run was reading."""


@dataclass
class DoneRows:
    """What an earlier run finished: positions, plus a few ids to check the inputs against."""

    positions: IndexSet
    checkpoints: dict[int, str]

    @classmethod
    def empty(cls) -> DoneRows:
        return cls(IndexSet(), {})

    def add(self, position: int, row_id: str) -> None:
        """Record a done row; checkpoints are kept only for the prefix's end and the stragglers."""
        low = self.positions.low
        self.positions.add(position)
        self.checkpoints[position] = row_id
        for passed in range(low - 1, self.positions.low - 1):
            self.checkpoints.pop(passed, None)

    def verify(self, position: int, row_id: str) -> None:
        expected = self.checkpoints.get(position)
        if expected is not None and expected != row_id:
            raise ResumeMismatch(
                f"input #{position} was {expected!r} in the interrupted run but is now "
                f"{row_id!r}: the inputs changed; rerun without --resume"
            )


class Sink(Protocol):
    """Where rows go. ``done`` holds what an earlier, interrupted run already wrote."""

    encoding: Encoding
    done: DoneRows

    def write(self, payload: Any) -> None: ...

    def finish(self) -> None: ...

    def abort(self) -> None: ...


# -- JSONL -----------------------------------------------------------------------------------


def _truncate_to_last_line(path: Path) -> int:
    """Cut a partial last line (a write a kill interrupted); returns the new size."""
    size = path.stat().st_size
    with open(path, "rb+") as handle:
        end = size
        step = 1 << 16
        while end > 0:
            start = max(0, end - step)
            handle.seek(start)
            block = handle.read(end - start)
            cut = block.rfind(b"\n")
            if cut >= 0:
                keep = start + cut + 1
                break
            end = start
        else:
            keep = 0
        if keep != size:
            handle.truncate(keep)
    return keep


def _line_position(line: bytes) -> tuple[int, str]:
    match = _INDEX_PREFIX.match(line)
    if match:
        return int(match.group(1)), json.loads(match.group(2))
    row = json.loads(line)  # not written by us in the usual shape: decode it all
    return int(row["index"]), str(row["id"])


def scan_jsonl(path: Path) -> DoneRows:
    """The rows a JSONL output already holds (after cutting a partial last line)."""
    done = DoneRows.empty()
    _truncate_to_last_line(path)
    with open(path, "rb") as handle:
        for line in handle:
            if line.strip():
                done.add(*_line_position(line))
    return done


class JsonlSink:
    """Append JSON lines to a file (or stdout for ``-``)."""

    encoding: Encoding = "json"

    def __init__(self, path: str, *, resume: bool) -> None:
        self.done = DoneRows.empty()
        self.handle: IO[bytes]
        if path == "-":
            self.handle = sys.stdout.buffer
            self.owned = False
        else:
            target = Path(path)
            if resume and target.exists():
                self.done = scan_jsonl(target)
            self.handle = open(target, "ab" if resume else "wb", buffering=JSONL_BUFFER_BYTES)  # noqa: SIM115
            self.owned = True
        self.flushed = time.monotonic()

    def write(self, payload: bytes) -> None:
        self.handle.write(payload + b"\n")
        now = time.monotonic()
        if now - self.flushed > FLUSH_SECONDS:
            self.handle.flush()
            self.flushed = now

    def finish(self) -> None:
        self.handle.flush()
        if self.owned:
            self.handle.close()

    abort = finish  # every complete line already counts: just flush


# -- Parquet ---------------------------------------------------------------------------------


def parts_dir(path: str) -> Path:
    return Path(path + ".parts")


def _part_name(number: int) -> str:
    return f"part-{number:06d}.parquet"


def _committed_parts(directory: Path) -> list[Path]:
    return sorted(directory.glob("part-*.parquet"))


class ParquetSink:
    """Write rows as committed Parquet parts, merged into one file at the end."""

    encoding: Encoding = "dict"

    def __init__(
        self,
        path: str,
        *,
        resume: bool,
        part_rows: int | None = None,
        part_seconds: float | None = None,
    ) -> None:
        pq = _module("pyarrow.parquet")
        self.pq = pq
        self.path = Path(path)
        self.parts = parts_dir(path)
        self.schema = arrow_schema()
        self.part_rows = PART_ROWS if part_rows is None else part_rows
        self.part_seconds = PART_SECONDS if part_seconds is None else part_seconds
        self.done = DoneRows.empty()
        if not resume or self.path.exists():
            # Resuming next to a finished OUT: OUT already holds every part (the run was
            # killed between writing OUT and removing the parts), so the parts are stale.
            shutil.rmtree(self.parts, ignore_errors=True)
        if not resume and self.path.exists():
            self.path.unlink()  # overwriting: a kill must not leave the old file to resume
        self.parts.mkdir(parents=True, exist_ok=True)
        for leftover in self.parts.glob("*.tmp"):
            leftover.unlink()
        if resume:
            if self.path.exists():  # a finished run: its file becomes the first part
                os.replace(self.path, self.parts / _part_name(0))
            for part in _committed_parts(self.parts):
                table = pq.read_table(part, columns=["index", "id"])
                positions = table.column("index").to_pylist()
                for position, row_id in zip(positions, table.column("id").to_pylist(), strict=True):
                    self.done.add(position, row_id)
        existing = _committed_parts(self.parts)
        self.next_part = 0 if not existing else int(existing[-1].stem.split("-")[1]) + 1
        self.rows: list[dict[str, Any]] = []
        self.writer: Any = None
        self.part_count = 0
        self.part_started = time.monotonic()

    def _flush_group(self) -> None:
        if not self.rows:
            return
        pa = _module("pyarrow")
        if self.writer is None:
            self.tmp = self.parts / (_part_name(self.next_part) + ".tmp")
            self.writer = self.pq.ParquetWriter(self.tmp, self.schema)
            self.part_started = time.monotonic()
        batch = pa.RecordBatch.from_pylist(self.rows, schema=self.schema)
        self.writer.write_batch(batch, row_group_size=len(self.rows))
        self.part_count += len(self.rows)
        self.rows = []

    def _commit(self) -> None:
        self._flush_group()
        if self.writer is None:
            return
        self.writer.close()
        os.replace(self.tmp, self.parts / _part_name(self.next_part))
        self.writer = None
        self.next_part += 1
        self.part_count = 0

    def write(self, payload: dict[str, Any]) -> None:
        self.rows.append(payload)
        if len(self.rows) >= ROW_GROUP_ROWS:
            self._flush_group()
        elapsed = time.monotonic() - self.part_started
        pending = self.part_count + len(self.rows)
        if pending >= self.part_rows or (pending and elapsed > self.part_seconds):
            self._commit()

    def abort(self) -> None:
        self._commit()

    def finish(self) -> None:
        self._commit()
        tmp = self.path.with_name(self.path.name + ".tmp")
        with self.pq.ParquetWriter(tmp, self.schema) as writer:
            for part in _committed_parts(self.parts):
                source = self.pq.ParquetFile(part)
                for group in range(source.num_row_groups):
                    writer.write_table(source.read_row_group(group))
        os.replace(tmp, self.path)
        shutil.rmtree(self.parts)


def open_sink(path: str, fmt: OutputFormat, *, resume: bool) -> Sink:
    """The sink for ``path``; with ``resume``, it knows which rows are already done."""
    if fmt == "parquet":
        if path == "-":
            raise ValueError("Parquet cannot be written to stdout")
        return ParquetSink(path, resume=resume)
    if path == "-" and resume:
        raise ValueError("--resume needs an output file, not stdout")
    return JsonlSink(path, resume=resume)


def existing_output(path: str, fmt: OutputFormat) -> list[Path]:
    """Files an earlier run left at ``path`` (the output, or its Parquet parts)."""
    if path == "-":
        return []
    found = [Path(path)] if os.path.exists(path) else []
    if fmt == "parquet" and parts_dir(path).exists():
        found.append(parts_dir(path))
    return found


def read_rows(path: str) -> Iterator[dict[str, Any]]:
    """The rows of a batch output (JSONL or Parquet) as plain dicts, maps turned back to dicts."""
    if output_format(path, None) == "parquet":
        pq = _module("pyarrow.parquet")
        source = pq.ParquetFile(path)
        spec = model_spec(BatchRow)
        for group in range(source.num_row_groups):
            for row in source.read_row_group(group).to_pylist():
                yield _maps_to_dicts(row, spec)
        return
    with open(path, "rb") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _maps_to_dicts(value: Any, spec: TypeSpec) -> Any:
    """Arrow reads a map back as a list of pairs; the models want dicts."""
    if value is None:
        return None
    if isinstance(spec, StructSpec):
        return {f.name: _maps_to_dicts(value.get(f.name), f.type) for f in spec.fields}
    if isinstance(spec, ListSpec):
        return [_maps_to_dicts(item, spec.item) for item in value]
    if isinstance(spec, MapSpec):
        return {key: _maps_to_dicts(item, spec.value) for key, item in value}
    return value
