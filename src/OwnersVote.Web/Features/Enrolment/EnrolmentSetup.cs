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
        services.AddHttpClient(nameof(HttpNotifier));
        // A singleton: the container disposes it (and the outbox's lock) once, at shutdown.
        services.AddSingleton<INotifier>(provider =>
        {
            IOptions<NotificationOptions> options = provider.GetRequiredService<IOptions<NotificationOptions>>();
            string sender = options.Value.Sender;
            return sender switch
            {
                _ when string.Equals(sender, "Outbox", StringComparison.OrdinalIgnoreCase) => provider.GetRequiredService<OutboxNotifier>(),
                _ when string.Equals(sender, "Http", StringComparison.OrdinalIgnoreCase) =>
                    new HttpNotifier(provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(HttpNotifier)), options),
                _ => throw new InvalidOperationException($"Notifications:Sender is '{sender}'; expected Outbox or Http."),
            };
        });
        services.AddScoped<CoolingOff>();
    }
}
