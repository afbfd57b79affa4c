#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Build, test, benchmark or run HyperBeam.Actors.

.DESCRIPTION
    Targets (default: build):
      build   dotnet build HyperBeam.Actors.sln -c Release
      test    dotnet build + dotnet test HyperBeam.Actors.sln -c Release   (restore, build everything, every test;
              the hb and cluster tests on their own after the rest unless extra arguments are given)
      bench   dotnet run -c Release --project tests/HyperBeam.Benchmarks -- <extra args>
      run     dotnet run -c Release --project src/HyperBeam.Node -- <extra args>
      cluster three local nodes forming one cluster (samples/ThreeNodeCluster/start.sh)

    Arguments after the target (after an optional `--`) go to the program unchanged.
    Any dotnet command that fails stops the script with that command's exit code.

.EXAMPLE
    dotnet tool restore && dotnet pwsh build.ps1 test

.EXAMPLE
    dotnet pwsh build.ps1 bench -- --quick --filter '*Resolve*'

.EXAMPLE
    dotnet pwsh build.ps1 run -- run --port 9000
#>
# No param() block on purpose: PowerShell's parameter binder would consume `--` and reorder the arguments,
# and `-p`/`-d` would collide with its own switches. $args keeps every token as it was typed.
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

$Targets = 'build', 'test', 'bench', 'run', 'cluster'
$Solution = 'HyperBeam.Actors.sln'
$ClusterTests = 'HyperBeam.Cluster.Tests'
$NodeTests = 'HyperBeam.Node.Tests'

$Target = if ($args.Count -gt 0) { $args[0] } else { 'build' }
if ($Target -notin $Targets) {
    Write-Host "Unknown target '$Target'. Usage: dotnet pwsh build.ps1 [$($Targets -join '|')] [-- <extra args>]" -ForegroundColor Red
    exit 2
}

# Everything after the target; a leading `--` only separates, it is not passed on.
$Extra = @($args | Select-Object -Skip 1)
if ($Extra.Count -gt 0 -and $Extra[0] -eq '--') { $Extra = @($Extra | Select-Object -Skip 1) }

# Runs dotnet with the given arguments, echoing the command first; stops the script with dotnet's exit code
# if it fails. dotnet is started through .NET's Process with an ArgumentList rather than `& dotnet @Arguments`:
# on Linux and macOS PowerShell would expand wildcards such as the `*` of `--filter '*'` against the files of
# the current directory, and its binder would swallow a `--`. This way every argument reaches dotnet as given.
function Invoke-Dotnet([string[]] $Arguments) {
    Write-Host "> dotnet $($Arguments -join ' ')" -ForegroundColor Cyan
    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    $start.WorkingDirectory = $PSScriptRoot
    foreach ($argument in $Arguments) { $start.ArgumentList.Add($argument) }
    $process = [System.Diagnostics.Process]::Start($start)
    $process.WaitForExit()
    $global:LASTEXITCODE = $process.ExitCode
    if ($LASTEXITCODE -ne 0) {
        Write-Host "dotnet exited with code $LASTEXITCODE" -ForegroundColor Red
        exit $LASTEXITCODE
    }
}

switch ($Target) {
    'build' { Invoke-Dotnet (@('build', $Solution, '-c', 'Release') + $Extra) }
    'test' {
        # `dotnet test` on a solution builds only the test projects; build everything first so that
        # hb and the benchmarks must compile too.
        Invoke-Dotnet @('build', $Solution, '-c', 'Release')
        # The cluster tests run against a real PostgreSQL server: start (and on a fresh Debian machine install) the
        # local one unless the caller points at a server of its own.
        if (-not $env:HB_TEST_POSTGRES) {
            Write-Host "> bash .ci/postgres.sh" -ForegroundColor Cyan
            $env:HB_TEST_POSTGRES = (& bash (Join-Path $PSScriptRoot '.ci/postgres.sh'))
            if ($LASTEXITCODE -ne 0) { Write-Host "PostgreSQL could not be started for the cluster tests" -ForegroundColor Red; exit $LASTEXITCODE }
        }
        # The committed Lua engine (src/HyperBeam.Lua/Engine/lua53.wasm) must be what its build script makes: rebuild
        # it from Debian's lua5.3 sources with Debian's emscripten and fail when the bytes differ. Only where apt can
        # install them (Debian/Ubuntu, as root or with sudo); elsewhere the committed module is used as it is.
        $canApt = $IsLinux -and (Get-Command apt-get -ErrorAction SilentlyContinue) -and
            ((& id -u) -eq '0' -or (Get-Command sudo -ErrorAction SilentlyContinue))
        if ($canApt) {
            Write-Host "> bash wasm/lua/build.sh --check" -ForegroundColor Cyan
            & bash (Join-Path $PSScriptRoot 'wasm/lua/build.sh') --check
            if ($LASTEXITCODE -ne 0) { Write-Host "the committed lua53.wasm is not what wasm/lua/build.sh builds" -ForegroundColor Red; exit $LASTEXITCODE }
            Write-Host "> bash wasm/aos/build.sh --check" -ForegroundColor Cyan
            & bash (Join-Path $PSScriptRoot 'wasm/aos/build.sh') --check
            if ($LASTEXITCODE -ne 0) { Write-Host "the committed aos-counter*.wasm modules are not what wasm/aos/build.sh builds" -ForegroundColor Red; exit $LASTEXITCODE }
            # The legacy exception-handling modules: the C++ counter (emscripten -fwasm-exceptions) and the WAT tests (wabt).
            foreach ($script in 'wasm/aos/build-eh.sh', 'wasm/eh/build.sh') {
                Write-Host "> bash $script --check" -ForegroundColor Cyan
                & bash (Join-Path $PSScriptRoot $script) --check
                if ($LASTEXITCODE -ne 0) { Write-Host "the committed modules are not what $script builds" -ForegroundColor Red; exit $LASTEXITCODE }
            }
        }
        else { Write-Host "skipping the rebuild checks of the committed Wasm modules (needs Linux with apt, as root or with sudo)" -ForegroundColor Yellow }
        if ($Extra.Count -gt 0) {
            Invoke-Dotnet (@('test', $Solution, '-c', 'Release', '--no-build') + $Extra)
        }
        else {
            # The cluster tests form loopback clusters with second-scale failure detection; run beside the other
            # test hosts (a browser, npm clients, Wasm and Lua VMs) a 2-core machine can starve their heartbeats.
            # So they run on their own, after everything else.
            # The hb tests start real hb processes (loopback clusters for `hb bench cluster`, signals during start-up)
            # and run alone for the same reason, before the cluster tests.
            Invoke-Dotnet @('test', $Solution, '-c', 'Release', '--no-build', '--filter', "FullyQualifiedName!~$ClusterTests&FullyQualifiedName!~$NodeTests")
            Invoke-Dotnet @('test', "tests/$NodeTests", '-c', 'Release', '--no-build')
            Invoke-Dotnet @('test', "tests/$ClusterTests", '-c', 'Release', '--no-build')
        }
    }
    'bench' { Invoke-Dotnet (@('run', '-c', 'Release', '--project', 'tests/HyperBeam.Benchmarks', '--') + $Extra) }
    'run'   { Invoke-Dotnet (@('run', '-c', 'Release', '--project', 'src/HyperBeam.Node', '--') + $Extra) }
    'cluster' {
        & bash (Join-Path $PSScriptRoot 'samples/ThreeNodeCluster/start.sh')
        exit $LASTEXITCODE
    }
}
exit 0
