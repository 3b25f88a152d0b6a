using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Recording;
using Bastion.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Bastion.Web.AuditApi;

internal static class AuditExtensions
{
    public const string ReviewPolicy = "audit-review";

    public static void AddBastionAudit(this IServiceCollection services)
    {
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.SectionName);
        services.AddOptions<RecordingOptions>().BindConfiguration(RecordingOptions.SectionName)
            .PostConfigure<IOptions<BastionOptions>>((o, bastion) =>
            {
                o.Directory = Path.GetFullPath(string.IsNullOrWhiteSpace(o.Directory) ? Path.Combine(bastion.Value.DataDir, "recordings") : o.Directory);
            })
            .Validate(o => o.QueueLimitChars > 0 && o.MaxBytes > 0 && o.FlushInterval > TimeSpan.Zero, "Recording limits must be positive")
            .ValidateOnStart();

        services.AddSingleton<SqliteAuditLog>();
        services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<SqliteAuditLog>());
        services.AddSingleton(sp => AuditCheckpointSigner.Load(sp.GetRequiredService<IOptions<BastionOptions>>().Value.DataDir));
        services.AddScoped<AuditVerifier>();
        services.AddScoped<AuditRetention>();
        services.AddScoped<SessionRecovery>();
        services.AddSingleton<RecordingOptionsAccessor>();
        services.AddSingleton<SessionAuditor>();
        services.AddHostedService<AuditRetentionService>();
        services.AddAuthorizationBuilder().AddPolicy(ReviewPolicy, p => p.RequireRole(Roles.Auditor, Roles.Admin));
    }

    /// <summary>Closes sessions a crash left open, before the service takes new ones.</summary>
    public static async Task InitializeAuditAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SessionRecovery>().RecoverAsync(CancellationToken.None);
    }

    public static void MapAuditEndpoints(this WebApplication app)
    {
        var audit = app.MapGroup("/api/audit").RequireAuthorization(ReviewPolicy);
        audit.MapGet("/events", AuditEndpoints.ListAsync);
        audit.MapGet("/events.csv", AuditEndpoints.ExportCsvAsync);
        audit.MapGet("/events.jsonl", AuditEndpoints.ExportJsonLinesAsync);
        audit.MapGet("/verify", AuditEndpoints.VerifyAsync);
        audit.MapGet("/head", AuditEndpoints.HeadAsync);

        // Tokens are stateless, so logging out is the client dropping its token; this only records that it did.
        app.MapPost("/api/auth/logout", async (System.Security.Claims.ClaimsPrincipal principal, HttpContext context, IAuditLog log, CancellationToken cancellationToken) =>
        {
            await log.AppendAsync(new AuditEvent
            {
                Type = AuditEventTypes.Logout,
                Actor = principal.FindFirst("name")?.Value,
                ClientAddress = context.Connection.RemoteIpAddress?.ToString(),
            }, cancellationToken);
            return TypedResults.NoContent();
        }).RequireAuthorization();

        var sessions = app.MapGroup("/api/sessions").RequireAuthorization();
        sessions.MapGet("", SessionEndpoints.ListAsync);
        sessions.MapGet("/{id}", SessionEndpoints.GetAsync);
        sessions.MapGet("/{id}/recording", SessionEndpoints.RecordingAsync);
        sessions.MapPost("/{id}/kill", SessionEndpoints.KillAsync).RequireAuthorization(Roles.Admin);
    }
}
