using Microsoft.Extensions.Options;

namespace OwnersVote.Web.Features.Enrolment;

/// <summary>Registers enrolment: the cooling-off setting and the owners' notifier.</summary>
public static class EnrolmentSetup
{
    /// <summary>Adds the services, reading <c>Enrolment:*</c> and <c>Notifications:*</c>.</summary>
    public static void AddOwnersVoteEnrolment(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EnrolmentOptions>(configuration.GetSection(EnrolmentOptions.Section));
        services.Configure<NotificationOptions>(configuration.GetSection(NotificationOptions.Section));
        services.AddSingleton<OutboxNotifier>();
        services.AddHttpClient<HttpNotifier>();
        services.AddScoped<INotifier>(provider =>
        {
            string sender = provider.GetRequiredService<IOptions<NotificationOptions>>().Value.Sender;
            return sender switch
            {
                _ when string.Equals(sender, "Outbox", StringComparison.OrdinalIgnoreCase) => provider.GetRequiredService<OutboxNotifier>(),
                _ when string.Equals(sender, "Http", StringComparison.OrdinalIgnoreCase) => provider.GetRequiredService<HttpNotifier>(),
                _ => throw new InvalidOperationException($"Notifications:Sender is '{sender}'; expected Outbox or Http."),
            };
        });
        services.AddScoped<CoolingOff>();
    }
}
