#!/usr/bin/env bash
# Regenerates the EF Core models compiled ahead of time, one per storage provider, from the current model in
# Bastion.Core/Storage (and the entity configurations next to the entities):
#   scripts/compile-model.sh
# scripts/add-migration.sh runs it after adding a migration, so a model change brings its migration and its compiled
# models together; run it alone only to refresh them. The service uses them (Bastion.Web/Hosting/CompiledModels.cs,
# Storage:CompiledModel) so it does not build the model at every start; CompiledModelTests fails while they differ
# from the model the configurations build. Needs no database. Uses the dotnet-ef pinned in dotnet-tools.json.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  project=Bastion.Migrations.$provider
  echo "compile-model: $project"
  rm -rf "$project/CompiledModel"
  dotnet tool run dotnet-ef dbcontext optimize --project "$project" --startup-project "$project" \
    --context BastionDbContext --output-dir CompiledModel --namespace "$project.CompiledModel" >/dev/null
done
echo "compile-model: done; commit Bastion.Migrations.*/CompiledModel/"
