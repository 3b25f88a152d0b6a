using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Bastion.Testing;

namespace Bastion.Bench;

/// <summary>
/// File transfer through Bastion's file API (HTTP → SFTP on a live session) next to <c>scp</c> (which speaks SFTP
/// itself since OpenSSH 9) to the same sshd, with the server's peak RSS sampled every 50 ms during each Bastion
/// transfer (issue 14). The size is <c>BENCH_TRANSFER_MB</c> (default 1024). On a shared machine the rate swings from
/// one minute to the next, so each round (<c>BENCH_TRANSFER_ROUNDS</c>, default 3) runs Bastion and scp back to back in
/// each direction, and the ratio is of the medians. scp runs twice: with OpenSSH's default cipher (chacha20-poly1305,
/// which this sshd and scp prefer) and with <c>aes128-gcm@openssh.com</c>, the cipher Bastion's SSH.NET negotiates
/// (<c>SshOptions.DefaultCiphers</c>), so the second ratio compares the same cipher work.
/// </summary>
internal static class TransferScenario
{
    public static int Megabytes { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("BENCH_TRANSFER_MB"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var mb) ? mb : 1024;

    public static int Rounds { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("BENCH_TRANSFER_ROUNDS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 3;

    public const string SameCipher = "aes128-gcm@openssh.com";

    /// <summary>Medians over the rounds (MB/s), each round's rates (Bastion down, scp down, scp down with
    /// <see cref="SameCipher"/>, then the same up), the RSS figures and the load average before and after.</summary>
    public sealed record Result(
        double BastionDownload, double BastionUpload, double ScpDownload, double ScpUpload, double ScpSameCipherDownload, double ScpSameCipherUpload,
        long RssBefore, long PeakDownload, long PeakUpload,
        IReadOnlyList<double[]> PerRound, string LoadBefore, string LoadAfter);

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

            var loadBefore = LoadAverage();
            var rounds = new List<double[]>();
            long peakDownload = 0, peakUpload = 0;
            double Rate(double seconds) => bytes / 1e6 / seconds;
            for (var round = 0; round < Rounds; round++)
            {
                // Bastion: download to nowhere, upload from the file; then scp the same way, same key, same sshd.
                var (downloadSeconds, peakDown) = await SampledAsync(bastion, async () =>
                {
                    using var response = await http.GetAsync($"/api/sessions/{session}/files/content?path={Uri.EscapeDataString(source)}", HttpCompletionOption.ResponseHeadersRead);
                    response.EnsureSuccessStatusCode();
                    await using var body = await response.Content.ReadAsStreamAsync();
                    await body.CopyToAsync(Stream.Null, 256 * 1024);
                });
                var scpDownload = await ScpAsync(sshd, $"{sshd.UserName}@{sshd.Host}:{source}", "/dev/null");
                var scpSameDownload = await ScpAsync(sshd, $"{sshd.UserName}@{sshd.Host}:{source}", "/dev/null", SameCipher);
                var (uploadSeconds, peakUp) = await SampledAsync(bastion, async () =>
                {
                    await using var file = File.OpenRead(source);
                    using var content = new StreamContent(file, 256 * 1024);
                    using var response = await http.PutAsync($"/api/sessions/{session}/files/content?path={Uri.EscapeDataString(dir)}&name=up-bastion.bin&overwrite=true", content);
                    response.EnsureSuccessStatusCode();
                });
                var scpUpload = await ScpAsync(sshd, source, $"{sshd.UserName}@{sshd.Host}:{dir}/up-scp.bin");
                var scpSameUpload = await ScpAsync(sshd, source, $"{sshd.UserName}@{sshd.Host}:{dir}/up-scp.bin", SameCipher);
                peakDownload = Math.Max(peakDownload, peakDown);
                peakUpload = Math.Max(peakUpload, peakUp);
                rounds.Add([Rate(downloadSeconds), Rate(scpDownload), Rate(scpSameDownload), Rate(uploadSeconds), Rate(scpUpload), Rate(scpSameUpload)]);
            }

            double Median(int column)
            {
                var sorted = rounds.Select(r => r[column]).Order().ToList();
                return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
            }

            return new Result(Median(0), Median(3), Median(1), Median(4), Median(2), Median(5), rssBefore, peakDownload, peakUpload, rounds, loadBefore, LoadAverage());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

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

    private static async Task<double> ScpAsync(SshdServer sshd, string from, string to, string? cipher = null)
    {
        var start = new ProcessStartInfo("scp") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[]
                 {
                     "-q", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "BatchMode=yes",
                     "-i", sshd.ClientPrivateKeyPath, "-P", sshd.Port.ToString(CultureInfo.InvariantCulture),
                 })
        {
            start.ArgumentList.Add(arg);
        }

        if (cipher is not null)
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(cipher);
        }

        start.ArgumentList.Add(from);
        start.ArgumentList.Add(to);

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
