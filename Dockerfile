# OwnersVote web server (and the `ov` tool) — docs/operations.md "Install".
# Build: docker build -t ownersvote .      Run with PostgreSQL: docker compose -f deploy/compose.yaml up
# Multi-stage: the SDK image builds; the runtime image holds only ASP.NET Core, the app, the CJK font
# that paper ballots embed and curl for the health check. It runs as the image's non-root user.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files and lock files only, so the layer is cached across code edits.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/OwnersVote.Ledger/*.csproj src/OwnersVote.Ledger/packages.lock.json src/OwnersVote.Ledger/
COPY src/OwnersVote.Ledger.Http/*.csproj src/OwnersVote.Ledger.Http/packages.lock.json src/OwnersVote.Ledger.Http/
COPY src/OwnersVote.Voting/*.csproj src/OwnersVote.Voting/packages.lock.json src/OwnersVote.Voting/
COPY src/OwnersVote.Paper/*.csproj src/OwnersVote.Paper/packages.lock.json src/OwnersVote.Paper/
COPY src/OwnersVote.Web/*.csproj src/OwnersVote.Web/packages.lock.json src/OwnersVote.Web/
COPY src/OwnersVote.Cli/*.csproj src/OwnersVote.Cli/packages.lock.json src/OwnersVote.Cli/
RUN dotnet restore src/OwnersVote.Cli/OwnersVote.Cli.csproj --locked-mode
COPY src/ src/
COPY samples/ samples/
RUN dotnet publish src/OwnersVote.Web/OwnersVote.Web.csproj -c Release --no-restore -o /out/web \
 && dotnet publish src/OwnersVote.Cli/OwnersVote.Cli.csproj -c Release --no-restore -o /out/ov

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# fonts-wqy-zenhei: the CJK font embedded (subset) in ballot PDFs (OwnersVote.Paper.BallotFont).
# libfontconfig1: SkiaSharp's native library needs it. curl: the HEALTHCHECK below.
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-wqy-zenhei libfontconfig1 curl \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/web /app
COPY --from=build /out/ov /opt/ov
RUN printf '#!/bin/sh\nexec dotnet /opt/ov/ov.dll "$@"\n' > /usr/local/bin/ov && chmod 755 /usr/local/bin/ov \
 && mkdir -p /data && chown "$APP_UID" /data
# Everything the server writes lives under /data (mount a volume there); see docs/operations.md.
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    Logging__Console__FormatterName=json \
    Database__Provider=Sqlite \
    ConnectionStrings__Default="Data Source=/data/ownersvote.db" \
    Log__Directory=/data/log \
    Log__KeyFile=/data/log.key \
    DataProtection__KeysPath=/data/keys \
    Documents__Directory=/data/documents \
    Notifications__OutboxFile=/data/outbox.jsonl \
    Demo__CompoundKeyFile=/data/demo-compound.key \
    Witnesses__DemoFolder=/data/demo-witnesses
VOLUME ["/data"]
WORKDIR /app
USER $APP_UID
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS http://localhost:8080/healthz || exit 1
ENTRYPOINT ["dotnet", "OwnersVote.Web.dll"]
