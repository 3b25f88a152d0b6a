using System.Diagnostics;

namespace Bastion.Tests.Infrastructure;

/// <summary>
/// Bastion as a real separate process (<c>dotnet Bastion.Web.dll</c> from the test output), for what an in-process
/// host cannot show: a kill -9, and the command-line tools.
/// </summary>
public sealed class BastionProcess : IAsyncDisposable
{
    private readonly Process _process;

    private BastionProcess(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public static string WebDll => Path.Combine(AppContext.BaseDirectory, "Bastion.Web.dll");

    public static async Task<BastionProcess> StartAsync(string dataDir)
    {
        var port = FreePort.Get();
        var startInfo = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var arg in new[]
        {
            WebDll, $"--urls=http://127.0.0.1:{port}", $"--webroot={RepoPaths.WebRoot}", $"--Bastion:DataDir={dataDir}",
            $"--BASTION_ADMIN_PASSWORD={BastionServer.AdminPassword}", "--Logging:LogLevel:Default=Warning", "--Auth:LoginAttemptsPerMinute=1000",
        })
        {
            startInfo.ArgumentList.Add(arg);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start Bastion");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new BastionProcess(process, new Uri($"http://127.0.0.1:{port}"));

        using var http = new HttpClient { BaseAddress = server.BaseUri, Timeout = TimeSpan.FromSeconds(2) };
        using var timeout = TestTimeouts.CreateTokenSource();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Bastion exited with {process.ExitCode} before it was healthy");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative), timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!timeout.IsCancellationRequested)
            {
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WithTimeout();
    }

    /// <summary>Runs a command of the Bastion executable (e.g. <c>audit verify</c>) against a data directory.</summary>
    internal static Task<ToolResult> RunCliAsync(string dataDir, params string[] args) =>
        ToolRunner.RunAsync("dotnet", [WebDll, .. args, $"--Bastion:DataDir={dataDir}"]);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }
}
