#!/usr/bin/env bash
# Adds one EF Core schema migration for every storage provider (SQLite and PostgreSQL), from the current model in
# Bastion.Core/Storage (and the entity configurations next to the entities), with the same name for both:
#   scripts/add-migration.sh AddHostNotes
# Run it after changing the model, then build and commit the generated files (Bastion.Migrations.*/Migrations/ and
# the compiled models it regenerates, Bastion.Migrations.*/CompiledModel/: scripts/compile-model.sh).
# Needs no database: each migrations project has a design-time factory. Uses the dotnet-ef pinned in
# dotnet-tools.json (restored here on first use).
set -euo pipefail
cd "$(dirname "$0")/.."

name=${1:-}
if [[ ! $name =~ ^[A-Z][A-Za-z0-9]*$ ]]; then
  echo "usage: scripts/add-migration.sh Name   (PascalCase, e.g. AddHostNotes)" >&2
  exit 2
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  project=Bastion.Migrations.$provider
  if compgen -G "$project/Migrations/*_$name.cs" >/dev/null; then
    echo "add-migration: $project already has a migration named $name" >&2
    exit 1
  fi
  echo "add-migration: $project: $name"
  dotnet tool run dotnet-ef migrations add "$name" --project "$project" --startup-project "$project" \
    --context BastionDbContext --output-dir Migrations
done

# An empty migration means the model did not change: say so instead of leaving two no-op files behind.
for provider in Sqlite Postgres; do
  file=$(ls Bastion.Migrations.$provider/Migrations/*_"$name".cs)
  if ! grep -q 'migrationBuilder\.' "$file"; then
    echo "add-migration: warning: $file changes nothing (the model has no changes since the last migration)" >&2
  fi
done
scripts/compile-model.sh
echo "add-migration: done; build (dotnet build Bastion.sln -c Release) and commit Bastion.Migrations.*/Migrations/ and */CompiledModel/"
