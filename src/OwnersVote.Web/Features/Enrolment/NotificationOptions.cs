namespace OwnersVote.Web.Features.Enrolment;

/// <summary>How owners are notified: which sender, and its settings (section <c>Notifications</c>).</summary>
public sealed class NotificationOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Notifications";

    /// <summary><c>Outbox</c> (default: one JSON line per notice in <see cref="OutboxFile"/>) or <c>Http</c>.</summary>
    public string Sender { get; set; } = "Outbox";

    /// <summary>The outbox file, relative to the content root; an operator or a relay sends from it.</summary>
    public string OutboxFile { get; set; } = "data/outbox.jsonl";

    /// <summary>The SMS/WeChat template gateway's URL, for <c>Http</c>: each notice is POSTed there as JSON.</summary>
    public Uri? HttpUrl { get; set; }

    /// <summary>A bearer token for the gateway, if it wants one.</summary>
    public string? HttpToken { get; set; }

    /// <summary>How long to wait for the gateway.</summary>
    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
