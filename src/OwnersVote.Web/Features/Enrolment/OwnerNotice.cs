namespace OwnersVote.Web.Features.Enrolment;

/// <summary>
/// A message to an owner by SMS or WeChat template: the template's name and its parameters. The
/// owner is named by compound and keyed hash only (PIPL: minimum data); the gateway that holds the
/// owners' phone numbers or WeChat ids maps the hash to the recipient.
/// </summary>
/// <param name="CompoundId">The owner's compound.</param>
/// <param name="OwnerHash">The owner's keyed hash.</param>
/// <param name="Template">The template, e.g. <see cref="CredentialEnrolledTemplate"/>.</param>
/// <param name="Parameters">The template's parameters.</param>
/// <param name="At">When the notice was raised.</param>
public sealed record OwnerNotice(string CompoundId, string OwnerHash, string Template, IReadOnlyDictionary<string, string> Parameters, DateTimeOffset At)
{
    /// <summary>A new credential was enrolled for the owner; parameters <c>activeFrom</c> and <c>officers</c>.</summary>
    public const string CredentialEnrolledTemplate = "credential-enrolled";
}

/// <summary>Sends notices to owners.</summary>
public interface INotifier
{
    /// <summary>Sends (or durably queues) the notice; returns when it has been handed over.</summary>
    /// <exception cref="NotifierException">The notice could not be handed over.</exception>
    public Task NotifyAsync(OwnerNotice notice, CancellationToken cancellationToken);
}

/// <summary>A notice could not be handed over to the outbox or the gateway.</summary>
public sealed class NotifierException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NotifierException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public NotifierException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public NotifierException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
