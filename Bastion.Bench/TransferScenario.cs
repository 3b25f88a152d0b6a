using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Bastion.Testing;

namespace Bastion.Bench;

/// <summary>
/// File transfer through Bastion's file API (HTTP → SFTP on a live session) next to <c>scp</c> (which speaks SFTP
/// itself since OpenSSH 9) to the same sshd, with the server's peak RSS sampled every 50 ms during each Bastion
/// transfer (issue 14). The size is <c>BENCH_TRANSFER_MB</c> (default 1024).
/// </summary>
internal static class TransferScenario
{
    public static int Megabytes { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("BENCH_TRANSFER_MB"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var mb) ? mb : 1024;

    public sealed record Result(double BastionDownload, double BastionUpload, double ScpDownload, double ScpUpload, long RssBefore, long PeakDownload, long PeakUpload);

    public static async Task<Result> RunAsync(BastionProcess bastion)
    {
        await using var sshd = new SshdServer("Subsystem sftp /usr/lib/openssh/sftp-server");
        await sshd.StartAsync(CancellationToken.None);
        var hostId = await bastion.AddHostAsync(sshd);
        await using var terminal = await BenchTerminal.ConnectAsync(await bastion.TerminalUriAsync(hostId, flow: true));
        await terminal.WaitForAsync(t => t.SessionId is not null, "the session id");
        var session = terminal.SessionId!;

        var dir = Path.Combine("/tmp", HostSpec.UniqueName("bench-transfer-"));
        if (!OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(dir, (UnixFileMode)0x1FF); // the sshd's login user writes here
            File.SetUnixFileMode(dir, (UnixFileMode)0x1FF);
        }
        var source = Path.Combine(dir, "source.bin");
        try
        {
            await WriteFileAsync(source, Megabytes);
            var bytes = new FileInfo(source).Length;
            var rssBefore = bastion.Sample().RssBytes;
            using var http = new HttpClient { BaseAddress = bastion.BaseUri, Timeout = TimeSpan.FromMinutes(30) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bastion.Token);

            // Bastion: download to nowhere, upload from the file.
            var (downloadSeconds, peakDownload) = await SampledAsync(bastion, async () =>
            {
                using var response = await http.GetAsync($"/api/sessions/{session}/files/content?path={Uri.EscapeDataString(source)}", HttpCompletionOption.ResponseHeadersRead);
                response.EnsureSuccessStatusCode();
                await using var body = await response.Content.ReadAsStreamAsync();
                await body.CopyToAsync(Stream.Null, 256 * 1024);
            });
            var (uploadSeconds, peakUpload) = await SampledAsync(bastion, async () =>
            {
                await using var file = File.OpenRead(source);
                using var content = new StreamContent(file, 256 * 1024);
                using var response = await http.PutAsync($"/api/sessions/{session}/files/content?path={Uri.EscapeDataString(dir)}&name=up-bastion.bin", content);
                response.EnsureSuccessStatusCode();
            });

            // scp to the same sshd, same key, same cipher defaults.
            var scpDownload = await ScpAsync(sshd, $"{sshd.UserName}@{sshd.Host}:{source}", "/dev/null");
            var scpUpload = await ScpAsync(sshd, source, $"{sshd.UserName}@{sshd.Host}:{dir}/up-scp.bin");
            double Rate(double seconds) => bytes / 1e6 / seconds;
            return new Result(Rate(downloadSeconds), Rate(uploadSeconds), Rate(scpDownload), Rate(scpUpload), rssBefore, peakDownload, peakUpload);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task WriteFileAsync(string path, int megabytes)
    {
        // Random data (SFTP does not compress; no cipher shortcut either way), 4 MiB generated once and repeated.
        var block = new byte[4 * 1024 * 1024];
        Random.Shared.NextBytes(block);
        await using var file = File.Create(path);
        for (long written = 0; written < megabytes * 1024L * 1024; written += block.Length)
        {
            await file.WriteAsync(block);
        }
    }

    private static async Task<(double Seconds, long PeakRss)> SampledAsync(BastionProcess bastion, Func<Task> transfer)
    {
        using var stop = new CancellationTokenSource();
        long peak = 0;
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, bastion.Sample().RssBytes);
                try
                {
                    await Task.Delay(50, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });
        var clock = Stopwatch.StartNew();
        await transfer();
        var seconds = clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await sampler;
        return (seconds, peak);
    }

    private static async Task<double> ScpAsync(SshdServer sshd, string from, string to)
    {
        var start = new ProcessStartInfo("scp") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[]
                 {
                     "-q", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "BatchMode=yes",
                     "-i", sshd.ClientPrivateKeyPath, "-P", sshd.Port.ToString(CultureInfo.InvariantCulture), from, to,
                 })
        {
            start.ArgumentList.Add(arg);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scp {from} {to} failed: {await error}");
        }

        return clock.Elapsed.TotalSeconds;
    }
}
