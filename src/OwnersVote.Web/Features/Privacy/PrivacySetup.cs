namespace OwnersVote.Web.Features.Privacy;

/// <summary>Registers privacy: the roll's sign-in particulars, "my data" and retention.</summary>
public static class PrivacySetup
{
    /// <summary>Adds the services, reading <c>Privacy:*</c>.</summary>
    public static void AddOwnersVotePrivacy(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PrivacyOptions>(configuration.GetSection(PrivacyOptions.Section));
        services.AddScoped<OwnerIdentities>();
        services.AddScoped<MyDataQuery>();
        services.AddScoped<RetentionSweep>();
        services.AddHostedService<RetentionService>();
    }
}
