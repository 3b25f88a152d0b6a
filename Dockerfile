# syntax=docker/dockerfile:1
# 1. Browser client (TypeScript + xterm.js) → Bastion.Web/wwwroot/app
FROM node:20-bookworm-slim AS client
WORKDIR /src/client
COPY client/package.json client/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY client/ ./
RUN npm run build

# 2. Service
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig Bastion.sln ./
COPY Bastion.Core/ Bastion.Core/
COPY Bastion.Migrations.Sqlite/ Bastion.Migrations.Sqlite/
COPY Bastion.Migrations.Postgres/ Bastion.Migrations.Postgres/
COPY Bastion.Web/ Bastion.Web/
COPY --from=client /src/Bastion.Web/wwwroot/app/ Bastion.Web/wwwroot/app/
RUN dotnet publish Bastion.Web -c Release -o /app -p:BuildClient=false

# 3. Runtime: non-root, data on a volume
FROM mcr.microsoft.com/dotnet/aspnet:10.0
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /data bastion && mkdir -p /data && chown bastion /data
WORKDIR /app
COPY --from=build /app ./
USER bastion
# Workstation GC and no culture data are set in Bastion.Web.csproj; these two knobs can only be set from the
# environment (measured, docs/PERFORMANCE.md "Memory" and "Issue 12: memory, session 4"): a 4 MB generation-0 budget
# keeps the idle RSS at the server GC's and halves a flood's growth; two malloc arenas instead of glibc's up to 8 per
# core cut the native memory per session by 40-55 % and a first flood's by half. Properties/launchSettings.json sets
# the same two for dotnet run.
ENV BASTION_DATA_DIR=/data \
    DOTNET_GCgen0size=0x400000 \
    MALLOC_ARENA_MAX=2 \
    Urls=http://0.0.0.0:5080
VOLUME ["/data"]
EXPOSE 5080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s CMD curl -fsS http://127.0.0.1:5080/healthz || exit 1
ENTRYPOINT ["dotnet", "Bastion.Web.dll"]
