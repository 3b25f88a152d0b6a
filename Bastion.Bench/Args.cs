namespace Bastion.Bench;

/// <summary>The bench's command line: which scenarios run, how often, and what the server it starts is given.</summary>
internal sealed record Args(HashSet<string>? Only, int RunCount, int Keystrokes, int[] Sessions, int Stalled, List<string> ServerArgs, Bastion.Core.Ssh.SshOptions Algorithms)
{
    /// <summary>Environment variables for the server processes alone (<c>--env DOTNET_gcServer=0</c>).</summary>
    public Dictionary<string, string> ServerEnvironment { get; init; } = [];

    public const string Usage = """
        Usage: dotnet run -c Release --project Bastion.Bench -- [--only throughput,echo,interrupt,stalled,idle-rss,flood-stalled,open,scale,burst,transfer,cluster]
               [--cipher NAME] [--blocking-receive true|false] [--runs 3] [--keystrokes 200] [--sessions 100,500,1000] [--stalled 20] [--burst 500]
               [--server --Key=Value] [--env NAME=VALUE (the server's environment, e.g. DOTNET_gcServer=0)]
               [--no-product-env (without the Dockerfile's DOTNET_*/MALLOC_* ENV, which every server gets by default)]
               [--echo-warmup 200 (keystrokes per warm-up round, until a round compiles < 50 methods; 0 = none)]
               [--echo-acks browser|each (the echo client's acks: as the browser, 16384 units or 20 ms, between keystrokes; or every echo at once)]
               [--web-dll PATH (run this Bastion.Web.dll, e.g. a ReadyToRun publish, instead of the build's)]
        "echo": --attach "CMD {pid}" profiles the measured keystrokes; with --env DOTNET_PerfMapEnabled=3 it lists the
        methods the server compiled during them (by tier and assembly; the full list in /tmp/bastion-echo-jitted-PID.txt);
        --attach-ssh "CMD {pid}" the ssh -tt keystrokes. Each keystroke's start and end (monotonic ns) go to
        /tmp/bastion-echo-keys-PID.tsv; with --attach/--attach-ssh "Bastion.Bench/tools/echo-trace.sh /tmp/e-{pid}.data",
        Bastion.Bench/tools/echo_stages.py splits the slowest keystrokes into stages (docs/PERFORMANCE.md, session 6).
        "relay" (only when named): CPU (user/sys), context switches and allocation per MB of the flood through Bastion
        with and without flow control, through a bare SSH.NET ShellStream loop, and through SSH.NET's receive thread with the
        data discarded (Bastion's floor: Bastion − floor is the relay's own share); --attach "strace -c -f -p {pid}" profiles
        each Bastion flood (relay, and the measured floods of flood-stalled), --attach-floor "CMD {pid}" each floor flood (this process).
        "floor" (only when named): the ShellStream loop and the receive-thread floor alone, no Bastion flood, each with
        blocking receive off and on in every run (--attach-floor as above, e.g. strace -c -f -o /tmp/st-{pid}-$$.txt).
        "burst" (only when named): N terminals at once with password logins through PAM, beside N concurrent ssh -tt.
        "screen" (only when named, and alone): the screen model only, before any sshd or server starts; --screen-mb 64 --screen-batch 12000.
        A short run: --only open,echo --keystrokes 20 --echo-warmup 0 (needs root: it starts a real sshd).
        """;

    public int[] Burst { get; init; } = [500];

    /// <summary>Unmeasured keystrokes per round of the echo warm-up, repeated until the server's JIT settles; 0 = none.</summary>
    public int EchoWarmUp { get; init; } = EchoScenario.DefaultWarmUpRound;

    /// <summary>A profiler command run against the server during each relay flood ({pid} = the server's).</summary>
    public string? Attach { get; init; }

    /// <summary>The echo's client acknowledges every echo at once (<c>--echo-acks each</c>) instead of as the browser does.</summary>
    public bool EchoAckEach { get; init; }

    /// <summary>A profiler command run during the echo's <c>ssh -tt</c> keystrokes ({pid} = the ssh process).</summary>
    public string? AttachSsh { get; init; }

    /// <summary>A profiler command run against this process during each receive-thread floor flood ({pid} = this one's).</summary>
    public string? AttachFloor { get; init; }

    /// <summary>The SSH channel window the receive-thread floor grants: Bastion's (its default, or a
    /// <c>--server --Terminal:SshChannelWindowBytes=N</c>), so both see the same window adjusts.</summary>
    public uint ChannelWindowBytes =>
        ServerArgs.LastOrDefault(a => a.StartsWith(WindowArg, StringComparison.Ordinal)) is { } arg
            ? uint.Parse(arg[WindowArg.Length..], System.Globalization.CultureInfo.InvariantCulture)
            : (uint)new Bastion.Core.Terminal.TerminalOptions().SshChannelWindowBytes;

    private const string WindowArg = "--Terminal:SshChannelWindowBytes=";

    public bool Runs(string scenario) => Only is null || Only.Contains(scenario);

    public static Args Parse(string[] args)
    {
        HashSet<string>? only = null;
        int runs = 3, keystrokes = 200, stalled = 20, echoWarmUp = EchoScenario.DefaultWarmUpRound;
        int[] sessions = [100, 500, 1000];
        int[] burst = [500];
        var server = new List<string>();
        var algorithms = new Bastion.Core.Ssh.SshOptions();
        string? attach = null, attachFloor = null, attachSsh = null;
        var echoAckEach = false;
        var environment = new Dictionary<string, string>();
        var productEnvironment = true;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--only": only = [.. args[++i].Split(',')]; break;
                case "--runs": runs = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--keystrokes": keystrokes = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--burst": burst = [.. args[++i].Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))]; break;
                case "--stalled": stalled = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--sessions": sessions = [.. args[++i].Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))]; break;
                case "--attach": attach = args[++i]; break;
                case "--attach-floor": attachFloor = args[++i]; break;
                case "--attach-ssh": attachSsh = args[++i]; break;
                case "--echo-acks": echoAckEach = args[++i] switch { "each" => true, "browser" => false, var other => throw new ArgumentException($"--echo-acks {other}: browser or each") }; break;
                case "--env":
                    var (name, value) = args[++i].Split('=', 2) is [var n, var v] ? (n, v) : throw new ArgumentException($"--env {args[i]}: NAME=VALUE");
                    environment[name] = value;
                    break;
                case "--no-product-env": productEnvironment = false; break; // the runtime's defaults, not the Dockerfile's ENV
                case "--echo-warmup": echoWarmUp = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--web-dll": Environment.SetEnvironmentVariable("BASTION_WEB_DLL", args[++i]); break; // read by BastionProcess
                case "--server": server.Add(args[++i]); break; // e.g. --server --Terminal:SshChannelWindowBytes=1048576
                case "--blocking-receive": // true|false, for Bastion (Ssh:BlockingReceive) and this process's SSH.NET loops alike
                    algorithms.BlockingReceive = bool.Parse(args[++i]);
                    server.Add($"--Ssh:BlockingReceive={args[i]}");
                    break;
                case "--cipher": // one cipher for Bastion and the bare SSH.NET loop alike, e.g. aes128-ctr
                    algorithms.Ciphers = [args[++i]];
                    server.Add($"--Ssh:Ciphers:0={args[i]}");
                    break;
                default: throw new ArgumentException($"unknown argument {args[i]}");
            }
        }

        if (productEnvironment)
        {
            foreach (var (name, value) in ProductEnvironment.Read())
            {
                environment.TryAdd(name, value); // --env given for the same name wins
            }
        }

        return new Args(only, runs, keystrokes, sessions, stalled, server, algorithms) { Burst = burst, Attach = attach, AttachFloor = attachFloor, AttachSsh = attachSsh, EchoAckEach = echoAckEach, ServerEnvironment = environment, EchoWarmUp = echoWarmUp };
    }
}
