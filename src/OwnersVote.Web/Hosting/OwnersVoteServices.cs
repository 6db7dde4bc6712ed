using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Localization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.WebEncoders;
using OwnersVote.Web.Data;
using OwnersVote.Web.Demo;
using OwnersVote.Web.Features.Ballots;
using OwnersVote.Web.Features.Desk;
using OwnersVote.Web.Features.Display;
using OwnersVote.Web.Features.Documents;
using OwnersVote.Web.Features.Enrolment;
using OwnersVote.Web.Features.Exports;
using OwnersVote.Web.Features.Home;
using OwnersVote.Web.Features.Language;
using OwnersVote.Web.Features.Lifecycle;
using OwnersVote.Web.Features.Log;
using OwnersVote.Web.Features.Money;
using OwnersVote.Web.Features.Notices;
using OwnersVote.Web.Features.Paper;
using OwnersVote.Web.Features.Privacy;
using OwnersVote.Web.Features.Receipts;
using OwnersVote.Web.Features.Results;
using OwnersVote.Web.Features.RollBook;
using OwnersVote.Web.Features.SignIn;
using OwnersVote.Web.Features.Votes;
using OwnersVote.Web.Ledger;
using OwnersVote.Web.Localization;
using OwnersVote.Web.Projections;

namespace OwnersVote.Web.Hosting;

/// <summary>The composition root's parts: services, middleware, endpoints. Program.cs calls these three.</summary>
public static class OwnersVoteServices
{
    /// <summary>Registers everything the app needs, reading <c>Database:*</c>, <c>ConnectionStrings:Default</c>, <c>Log:*</c>, <c>Witnesses:*</c> and <c>Demo:*</c>.</summary>
    public static void AddOwnersVote(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IServiceCollection services = builder.Services;

        services.AddSingleton(TimeProvider.System);
        // Cookie and antiforgery keys survive restarts when a folder is given (run.sh: data/keys);
        // a web farm points every node at the same folder.
        if (builder.Configuration["DataProtection:KeysPath"] is { Length: > 0 } keys)
        {
            services.AddDataProtection()
                .SetApplicationName("OwnersVote")
                .PersistKeysToFileSystem(new DirectoryInfo(Path.GetFullPath(keys, builder.Environment.ContentRootPath)));
        }

        services.AddOwnersVoteDatabase(builder.Configuration, builder.Environment);
        services.AddScoped<Projector>();
        services.AddSingleton<CoseKeyCache>();
        services.AddSingleton<VoteFactsCache>();
        services.Configure<LogOptions>(builder.Configuration.GetSection(LogOptions.Section));
        services.Configure<WitnessesOptions>(builder.Configuration.GetSection(WitnessesOptions.Section));
        services.AddSingleton<LogWitnesses>();
        services.AddSingleton<EventLog>();
        services.Configure<DemoOptions>(builder.Configuration.GetSection(DemoOptions.Section));
        services.AddScoped<DemoSeeder>();
        services.AddScoped<SecondDemoCompound>();
        services.Configure<SyntheticOptions>(builder.Configuration.GetSection(SyntheticOptions.Section));
        services.AddScoped<SyntheticCompounds>();
        services.AddHostedService<ProjectionStartup>();
        services.AddSingleton<ProjectionReadiness>();

        services.AddScoped<HomeQuery>();
        services.AddScoped<VoteQueries>();
        services.AddScoped<ResultQuery>();
        services.AddOwnersVoteSignIn();
        services.Configure<DocumentOptions>(builder.Configuration.GetSection(DocumentOptions.Section));
        services.AddSingleton<DocumentStore>();
        services.AddOwnersVoteEnrolment(builder.Configuration);
        services.AddScoped<DeskEnrolments>();
        services.AddScoped<CredentialRevocations>();
        services.AddScoped<Features.Proxies.ProxyDesk>();
        services.AddScoped<Features.Proxies.OnlineMandates>();
        services.AddSingleton<Features.Proxies.MandateSessions>();
        services.AddScoped<Features.Custodial.CustodialDesk>();
        services.AddSingleton<CompoundKey>();
        services.AddScoped<RollBook>();
        services.AddScoped<RollFreezer>();
        services.AddScoped<InvitationLetters>();
        services.Configure<BallotSettings>(builder.Configuration.GetSection(BallotSettings.Section));
        services.AddSingleton<BallotSessions>();
        services.AddScoped<BallotDesk>();
        // Issue 10: the cast and receipt desks answer a ballot from memory (BallotReadCache,
        // VoteFactsCache, the log), so their context is made only when a read misses; making one
        // per request was ~2.5% of the server's CPU under load.
        services.AddScoped(s => new Lazy<OwnersVoteDb>(s.GetRequiredService<OwnersVoteDb>));
        services.AddSingleton<BallotQueries>();
        services.AddSingleton<BallotReadCache>();
        services.AddSingleton<HandwritingStore>();
        services.AddScoped<ReceiptDesk>();
        services.Configure<PaperOptions>(builder.Configuration.GetSection(PaperOptions.Section));
        services.AddSingleton<ScanStore>();
        services.AddScoped<PaperPrinting>();
        services.AddScoped<PaperScanning>();
        services.AddScoped<PaperReview>();
        services.AddOwnersVotePrivacy(builder.Configuration);
        services.AddOwnersVoteExternalSignIn(builder.Configuration);
        services.Configure<LifecycleOptions>(builder.Configuration.GetSection(LifecycleOptions.Section));
        services.AddScoped<AnnouncementRoll>();
        services.AddScoped<VoteLifecycle>();
        services.AddScoped<LifecycleQueries>();
        services.AddHostedService<VoteLifecycleService>();
        services.AddScoped<MoneyQuery>();
        services.AddScoped<StatementDesk>();
        services.AddScoped<NoticeBoard>();

        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower)));
        // Chinese text stays readable UTF-8 in the HTML instead of &#x...; entities (STYLE.md).
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddRazorPages(options => options.RootDirectory = "/Features");
        services.AddProblemDetails(options => options.CustomizeProblemDetails = Problems.Customize);
        services.AddRequestLocalization(options =>
        {
            CultureInfo[] cultures = [.. UiText.Cultures.Select(CultureInfo.GetCultureInfo)];
            options.DefaultRequestCulture = new RequestCulture(UiText.DefaultCulture);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            // Chinese first: the browser's Accept-Language is not consulted; the visible
            // language switch (a cookie) or ?culture= chooses English.
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
            ];
        });
        services.AddScoped(_ => UiText.For(CultureInfo.CurrentUICulture));
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
    }

    /// <summary>The middleware pipeline. Errors never show a stack trace: the API answers ProblemDetails, pages a plain error page.</summary>
    public static void UseOwnersVote(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.UseSecurityHeaders();
        app.UseWhen(IsApi, api => api.UseExceptionHandler().UseStatusCodePages());
        app.UseWhen(c => !IsApi(c), pages => pages
            .UseExceptionHandler("/error")
            .UseStatusCodePagesWithReExecute("/error", "?status={0}"));
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
    }

    /// <summary>Maps pages, the JSON API and health endpoints.</summary>
    public static void MapOwnersVote(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.MapRazorPages();
        app.MapVotesApi();
        app.MapResultsApi();
        app.MapLanguageEndpoints();
        app.MapLogEndpoints();
        app.MapWitnessEndpoints();
        app.MapPasskeyEndpoints();
        app.MapDeviceKeyEndpoints();
        app.MapBallotApi();
        Features.Proxies.ProxyApi.MapProxyApi(app);
        app.MapDocumentEndpoints();
        app.MapCertificateEndpoints();
        Features.Custodial.CustodialEndpoints.MapCustodialEndpoints(app);
        app.MapLargeTypeEndpoints();
        app.MapPaperEndpoints();
        app.MapMyDataApi();
        app.MapExternalSignIn();
        app.MapExportEndpoints();

        // Liveness: the process answers. Readiness: the projection store is reachable and seeded.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
    }

    // The log and witness endpoints answer machines too: status codes, never the HTML error page.
    private static bool IsApi(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api")
        || context.Request.Path.StartsWithSegments("/log")
        || context.Request.Path.StartsWithSegments("/witness");

    private static readonly SqliteTempStoreInterceptor s_sqliteTempStore = new();

    private static void AddOwnersVoteDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        string providerText = configuration["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite);
        if (!Enum.TryParse(providerText, ignoreCase: true, out DatabaseProvider provider) || !Enum.IsDefined(provider))
        {
            throw new InvalidOperationException(
                $"Database:Provider is '{providerText}'; expected {nameof(DatabaseProvider.Sqlite)} or {nameof(DatabaseProvider.Postgres)}.");
        }

        string connectionString = configuration.GetConnectionString("Default")
            ?? throw new InvalidOperationException("ConnectionStrings:Default is not set.");

        // Issue 10: the options are built once (a singleton), not for every request's scope: EF
        // otherwise reran this configuration and compared it with its cached internal services on
        // each DbContext (~3% of the server's CPU per ballot under load).
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                connectionString = ResolveSqliteFile(connectionString, environment.ContentRootPath);
                services.AddDbContext<OwnersVoteDb>(o => o.UseSqlite(connectionString).AddInterceptors(s_sqliteTempStore), optionsLifetime: ServiceLifetime.Singleton);
                break;
            case DatabaseProvider.Postgres:
                services.AddDbContext<OwnersVoteDb>(o => o.UseNpgsql(connectionString), optionsLifetime: ServiceLifetime.Singleton);
                break;
            default:
                throw new InvalidOperationException($"Unhandled database provider {provider}.");
        }
    }

    // A relative SQLite path is taken from the content root, and its folder is created, so
    // `data/ownersvote.db` works on a fresh checkout.
    private static string ResolveSqliteFile(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            string path = Path.GetFullPath(file, contentRoot);
            // A full path to a file always has a directory part.
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            SqliteJournal.ForgetOrphans(path);
            builder.DataSource = path;
        }

        return builder.ToString();
    }
}
