using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Cluster;
using Bastion.Core.Recording;
using Bastion.Web.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bastion.Web.AuditApi;

internal static class AuditExtensions
{
    public const string ReviewPolicy = "audit-review";

    public static void AddBastionAudit(this IServiceCollection services)
    {
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditOptions>, AuditOptionsValidator>());
        services.AddOptions<RecordingOptions>().BindConfiguration(RecordingOptions.SectionName)
            .PostConfigure<IOptions<BastionOptions>>((o, bastion) =>
            {
                o.Directory = Path.GetFullPath(string.IsNullOrWhiteSpace(o.Directory) ? Path.Combine(bastion.Value.DataDir, "recordings") : o.Directory);
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RecordingOptions>, RecordingOptionsValidator>());

        services.AddSingleton<SqliteAuditLog>();
        services.AddSingleton<IAuditLog>(sp => new MeteredAuditLog(sp.GetRequiredService<SqliteAuditLog>()));
        services.AddSingleton(sp => AuditCheckpointSigner.Load(sp.GetRequiredService<IOptions<BastionOptions>>().Value.DataDir));
        services.AddScoped<AuditVerifier>();
        services.AddScoped<AuditRetention>();
        services.AddScoped<SessionRecovery>();
        services.AddScoped<StartupRecovery>();
        services.AddSingleton<RecordingOptionsAccessor>();
        services.AddSingleton<RecordingIndexStore>();
        services.AddSingleton<SessionAuditor>();
        services.AddSingleton(sp => new StorageReserve(
            Path.Combine(sp.GetRequiredService<IOptions<BastionOptions>>().Value.DataDir, StorageReserve.FileName),
            sp.GetRequiredService<IOptions<AuditOptions>>().Value.StorageReserveBytes,
            sp.GetRequiredService<ILogger<StorageReserve>>()));
        services.AddHostedService<AuditRetentionService>();
        services.AddAuthorizationBuilder().AddPolicy(ReviewPolicy, p => p.RequireRole(Roles.Auditor, Roles.Admin));
    }

    /// <summary>Closes sessions a crash left open, before the service takes new ones.</summary>
    public static async Task InitializeAuditAsync(this WebApplication app)
    {
        // The checkpoint key is loaded (and checked) now, so a bad key stops the start rather than the first verify.
        _ = app.Services.GetRequiredService<AuditCheckpointSigner>();
        app.Services.GetRequiredService<StorageReserve>().TryRestore();
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StartupRecovery>().RecoverAsync(CancellationToken.None);
    }

    public static void MapAuditEndpoints(this WebApplication app)
    {
        var audit = app.MapGroup("/api/audit").RequireAuthorization(ReviewPolicy).WithTags("Audit");
        audit.MapGet("/types", AuditEndpoints.Types).WithName("ListAuditEventTypes");
        audit.MapGet("/events", AuditEndpoints.ListAsync).WithName("ListAuditEvents");
        audit.MapGet("/events.csv", AuditEndpoints.ExportCsvAsync).WithName("ExportAuditEventsCsv")
            .Produces<string>(StatusCodes.Status200OK, "text/csv").Produces<ApiError>(StatusCodes.Status400BadRequest);
        audit.MapGet("/events.jsonl", AuditEndpoints.ExportJsonLinesAsync).WithName("ExportAuditEventsJsonLines")
            .Produces<string>(StatusCodes.Status200OK, "application/x-ndjson").Produces<ApiError>(StatusCodes.Status400BadRequest);
        audit.MapGet("/verify", AuditEndpoints.VerifyAsync).WithName("VerifyAuditChain");
        audit.MapGet("/head", AuditEndpoints.HeadAsync).WithName("GetAuditHead");

        var sessions = app.MapGroup("/api/sessions").RequireAuthorization().WithTags("Sessions");
        sessions.MapGet("", SessionEndpoints.ListAsync).WithName("ListSessions");
        sessions.MapGet("/{id}", SessionEndpoints.GetAsync).WithName("GetSession");
        sessions.MapGet("/{id}/recording", SessionEndpoints.RecordingAsync).WithName("GetSessionRecording")
            .Produces<Stream>(StatusCodes.Status200OK, "application/x-asciicast");
        sessions.MapGet("/{id}/recording/index", SessionEndpoints.RecordingIndexAsync).WithName("GetSessionRecordingIndex");
        sessions.MapPost("/{id}/kill", SessionEndpoints.KillAsync).WithName("KillSession").RequireAuthorization(Roles.Admin);
    }
}
