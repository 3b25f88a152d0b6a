using System.Diagnostics;

namespace Bastion.Testing;

/// <summary>Runs a short-lived tool (ssh-keygen, useradd, chpasswd) to completion, bounded by a timeout.</summary>
internal static class ToolRunner
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task<ToolResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string? standardInput = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var limit = timeout ?? Timeout;
        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {fileName}.");
        using var expiry = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        expiry.CancelAfter(limit);
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(expiry.Token);
            var stderr = process.StandardError.ReadToEndAsync(expiry.Token);
            if (standardInput is not null)
            {
                await process.StandardInput.WriteAsync(standardInput.AsMemory(), expiry.Token);
            }

            process.StandardInput.Close();
            await process.WaitForExitAsync(expiry.Token);
            return new ToolResult(process.ExitCode, await stdout, await stderr);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', startInfo.ArgumentList)} did not finish within {limit}.");
        }
    }

    public static async Task<string> RunCheckedAsync(
        string fileName,
        IEnumerable<string> arguments,
        CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(fileName, arguments, null, cancellationToken: cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', arguments)} exited with {result.ExitCode}: {result.StandardError}");
        }

        return result.StandardOutput;
    }
}
