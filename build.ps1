#!/usr/bin/env pwsh
<#
.SYNOPSIS
    CXGear build entry point. On Linux: dotnet tool restore && dotnet pwsh ./build.ps1 <target>

.DESCRIPTION
    build       Restore and build the solution, warnings as errors.
    test        Run every test project (the README's test command).
    format      Verify formatting and code style without changing files (fails on any difference).
    migrations  Add a migration to all three providers (SQLite, SQL Server, PostgreSQL): ./build.ps1 migrations -Name AddProjects
    migrate     Apply pending migrations to the configured database (appsettings / environment).
    openapi     Rewrite docs/openapi.json (the committed OpenAPI contract) from the code; review and commit the diff.
    lint-openapi  Lint docs/openapi.json with Spectral (.spectral.yaml); needs Node.js and npm.
    client      Regenerate the typed client (src/CXGear.Client/Generated) from docs/openapi.json; commit both together.
    bench       Load tests and the BenchmarkDotNet suite (Release); -Filter ingest|runtime|cli|webhook|webhooks = one load test only, -Filter '*Auth*' = those benchmarks only.
    ci          What .ci/run does: build, test, migrations in step with the model, SQL Server script, OpenAPI lint.
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('build', 'test', 'format', 'migrations', 'migrate', 'openapi', 'lint-openapi', 'client', 'bench', 'ci')]
    [string] $Target = 'build',

    # Migration name for the 'migrations' target.
    [string] $Name,

    # BenchmarkDotNet filter for the 'bench' target.
    [string] $Filter = '*'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Set-Location $PSScriptRoot

$Solution = 'CXGear.sln'
$Infrastructure = 'src/CXGear.Infrastructure'
$Providers = @(
    @{ Context = 'SqliteAppDbContext'; Folder = 'Migrations/Sqlite' },
    @{ Context = 'SqlServerAppDbContext'; Folder = 'Migrations/SqlServer' },
    @{ Context = 'PostgresAppDbContext'; Folder = 'Migrations/Postgres' }
)

function Invoke-Step([string] $Title, [scriptblock] $Command) {
    Write-Host "==> $Title" -ForegroundColor Cyan
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$Title failed (exit code $LASTEXITCODE)." }
}

function Invoke-Build {
    Invoke-Step 'dotnet tool restore' { dotnet tool restore }
    Invoke-Step 'dotnet build' { dotnet build $Solution -warnaserror }
}

function Invoke-Test {
    # One TRX per test project lands in TestResults/ (tests/Directory.Build.props).
    Invoke-Step 'dotnet test' { dotnet test $Solution }
}

function Invoke-Format {
    Invoke-Step 'dotnet format (verify)' { dotnet format $Solution --verify-no-changes --severity warn }
}

# The snapshot test rewrites docs/openapi.json instead of comparing when CXGEAR_UPDATE_OPENAPI=1.
function Update-OpenApi {
    $env:CXGEAR_UPDATE_OPENAPI = '1'
    try {
        Invoke-Step 'rewrite docs/openapi.json' { dotnet test tests/CXGear.Api.Tests --filter 'FullyQualifiedName~OpenApiSnapshotTests' }
    }
    finally {
        Remove-Item Env:CXGEAR_UPDATE_OPENAPI
    }
}

# Pinned, like every other tool here; npx fetches it into npm's cache on first use.
$Spectral = '@stoplight/spectral-cli@6.16.3'

function Test-OpenApi {
    Invoke-Step 'spectral lint docs/openapi.json' {
        npx --yes $Spectral lint docs/openapi.json --ruleset .spectral.yaml --fail-severity error
    }
}

function Invoke-Ef([string[]] $Arguments) {
    dotnet ef @Arguments --project $Infrastructure --startup-project $Infrastructure --no-build
}

function Add-Migrations {
    if (-not $Name) { throw "Give the migration a name: ./build.ps1 migrations -Name AddProjects" }
    Invoke-Step 'dotnet build' { dotnet build $Infrastructure }
    foreach ($p in $Providers) {
        Invoke-Step "migration $Name for $($p.Context)" {
            Invoke-Ef @('migrations', 'add', $Name, '--context', $p.Context, '--output-dir', $p.Folder)
        }
    }
}

function Test-Migrations {
    Invoke-Step 'dotnet build (infrastructure)' { dotnet build $Infrastructure }
    foreach ($p in $Providers) {
        Invoke-Step "no pending model changes for $($p.Context)" {
            Invoke-Ef @('migrations', 'has-pending-model-changes', '--context', $p.Context)
        }
    }
    $script = Join-Path ([IO.Path]::GetTempPath()) 'cxgear-sqlserver.sql'
    Invoke-Step 'SQL Server migration script generates' {
        Invoke-Ef @('migrations', 'script', '--idempotent', '--context', 'SqlServerAppDbContext', '--output', $script)
    }
}

switch ($Target) {
    'build' { Invoke-Build }
    'test' { Invoke-Test }
    'format' { Invoke-Format }
    'migrations' { Add-Migrations }
    'migrate' { Invoke-Step 'apply migrations' { dotnet run --project src/CXGear.Api -- migrate } }
    'openapi' { Update-OpenApi }
    'lint-openapi' { Test-OpenApi }
    # The drift test (tests/CXGear.Client.Tests) runs the same generator in memory and fails when this was forgotten.
    'client' { Invoke-Step 'generate the client from docs/openapi.json' { dotnet run --project tools/CXGear.ClientGen } }
    'bench' {
        # 'ingest' is the throughput run (API process + load + engine baseline); anything else is a BenchmarkDotNet filter.
        if ($Filter -in @('*', 'ingest')) {
            Invoke-Step 'ingest load test' { dotnet run -c Release --project bench/CXGear.Bench -- ingest }
        }
        if ($Filter -in @('*', 'runtime')) {
            Invoke-Step 'runtime load test' { dotnet run -c Release --project bench/CXGear.Bench -- runtime }
        }
        if ($Filter -in @('*', 'cli')) {
            Invoke-Step 'cxgear tool load test (1,000,000 rows)' { dotnet run -c Release --project bench/CXGear.Bench -- cli }
        }
        if ($Filter -in @('*', 'webhook')) {
            Invoke-Step 'webhook load test' { dotnet run -c Release --project bench/CXGear.Bench -- webhook }
        }
        if ($Filter -in @('*', 'webhooks')) {
            Invoke-Step 'outbound webhooks load test' { dotnet run -c Release --project bench/CXGear.Bench -- webhooks }
        }
        if ($Filter -notin @('ingest', 'runtime', 'cli', 'webhook', 'webhooks')) {
            Invoke-Step 'benchmarks' { dotnet run -c Release --project bench/CXGear.Bench -- --filter $Filter }
        }
    }
    'ci' {
        Invoke-Build
        Invoke-Test
        Test-Migrations
        Test-OpenApi
    }
}
