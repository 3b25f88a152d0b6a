
namespace Bastion.Testing;

/// <summary>
/// A real nginx (Debian package) in front of Bastion nodes: round-robin, no stickiness, the WebSocket upgrade headers
/// and read timeouts longer than the WebSocket keep-alive, as <c>deploy/nginx/bastion.conf</c> documents. It runs in
/// the foreground as this test's child (stopped by PID), with its config, temp paths, logs and pid in a temp directory.
/// </summary>
public sealed class NginxServer : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/nginx";

    private readonly string _dir = Directory.CreateTempSubdirectory("bastion-nginx-").FullName;
    private ServerProcess? _process;

    private NginxServer() => Port = FreePort.Get();

    public int Port { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port}");

    /// <summary>The access log: one line per request with the upstream that served it (<c>upstream=…</c>).</summary>
    public string AccessLog => Path.Combine(_dir, "access.log");

    public static async Task<NginxServer> StartAsync(IEnumerable<Uri> backends)
    {
        var nginx = new NginxServer();
        try
        {
            await nginx.RunAsync(backends);
            return nginx;
        }
        catch
        {
            await nginx.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.StopAsync();
        }

        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task RunAsync(IEnumerable<Uri> backends)
    {
        Directory.CreateDirectory(Path.Combine(_dir, "tmp"));
        var servers = string.Join("\n", backends.Select(b => $"    server {b.Host}:{b.Port} max_fails=0;"));
        var config = $$"""
            daemon off; pid nginx.pid; error_log error.log info; worker_processes 1;
            events { worker_connections 1024; }
            http {
              log_format upstream '$remote_addr "$request" $status upstream=$upstream_addr';
              access_log access.log upstream;
              client_body_temp_path tmp/body; proxy_temp_path tmp/proxy; fastcgi_temp_path tmp/fastcgi;
              uwsgi_temp_path tmp/uwsgi; scgi_temp_path tmp/scgi;
              upstream bastion {
            {{servers}}
              }
              map $http_upgrade $connection_upgrade { default upgrade; '' close; }
              server {
                listen 127.0.0.1:{{Port}};
                location / {
                  proxy_pass http://bastion;
                  proxy_http_version 1.1;
                  proxy_set_header Upgrade $http_upgrade;
                  proxy_set_header Connection $connection_upgrade;
                  proxy_set_header Host $http_host;
                  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                  proxy_set_header X-Forwarded-Proto $scheme;
                  proxy_read_timeout 3600s;
                  proxy_send_timeout 3600s;
                  proxy_next_upstream error timeout;
                }
              }
            }
            """;
        var path = Path.Combine(_dir, "nginx.conf");
        await File.WriteAllTextAsync(path, config).WithTimeout();
        _process = await ServerProcess.StartAsync(Binary, ["-c", path, "-p", _dir + "/"], cancellationToken => ServerProcess.AcceptsAsync(Port, cancellationToken));
    }
}
