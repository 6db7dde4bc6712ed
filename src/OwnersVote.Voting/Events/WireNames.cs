namespace OwnersVote.Voting.Events;

/// <summary>The wire spellings of the enumerations events carry, one per value.</summary>
internal static class WireNames
{
    public static string Of(AreaSource source) => source switch
    {
        AreaSource.Registry => "registry",
        AreaSource.Survey => "survey",
        AreaSource.Contract => "contract",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "Not an area source."),
    };

    public static AreaSource? ParseAreaSource(string text) => text switch
    {
        "registry" => AreaSource.Registry,
        "survey" => AreaSource.Survey,
        "contract" => AreaSource.Contract,
        _ => null,
    };

    public static string Of(ThresholdClass threshold) => threshold switch
    {
        ThresholdClass.Ordinary => "ordinary",
        ThresholdClass.Major => "major",
        _ => throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "Not a threshold class."),
    };

    public static ThresholdClass? ParseThreshold(string text) => text switch
    {
        "ordinary" => ThresholdClass.Ordinary,
        "major" => ThresholdClass.Major,
        _ => null,
    };

    public static string Of(CredentialKind kind) => kind switch
    {
        CredentialKind.Passkey => "passkey",
        CredentialKind.DeviceKey => "device-key",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a credential kind."),
    };

    public static CredentialKind? ParseCredentialKind(string text) => text switch
    {
        "passkey" => CredentialKind.Passkey,
        "device-key" => CredentialKind.DeviceKey,
        _ => null,
    };

    public static string Of(HandwritingPolicy policy) => policy switch
    {
        HandwritingPolicy.Optional => "optional",
        HandwritingPolicy.Required => "required",
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Off is written by omitting the field."),
    };

    public static HandwritingPolicy? ParseHandwritingPolicy(string text) => text switch
    {
        "optional" => HandwritingPolicy.Optional,
        "required" => HandwritingPolicy.Required,
        _ => null,
    };

    public static string Of(InvalidBallotRule rule) => rule switch
    {
        InvalidBallotRule.Participating => "participating",
        InvalidBallotRule.Excluded => "excluded",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Not an invalid-ballot rule."),
    };

    public static InvalidBallotRule? ParseInvalidBallotRule(string text) => text switch
    {
        "participating" => InvalidBallotRule.Participating,
        "excluded" => InvalidBallotRule.Excluded,
        _ => null,
    };

    public static string Of(Choice choice) => choice switch
    {
        Choice.Yes => "yes",
        Choice.No => "no",
        Choice.Abstain => "abstain",
        Choice.Invalid => "invalid",
        _ => throw new ArgumentOutOfRangeException(nameof(choice), choice, "Not a choice."),
    };

    public static Choice? ParseChoice(string text) => text switch
    {
        "yes" => Choice.Yes,
        "no" => Choice.No,
        "abstain" => Choice.Abstain,
        "invalid" => Choice.Invalid,
        _ => null,
    };

    public static string Of(DeliveryChannel channel) => channel switch
    {
        DeliveryChannel.App => "app",
        DeliveryChannel.Sms => "sms",
        DeliveryChannel.Letter => "letter",
        DeliveryChannel.Posted => "posted",
        DeliveryChannel.Door => "door",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Not a delivery channel."),
    };

    public static DeliveryChannel? ParseDeliveryChannel(string text) => text switch
    {
        "app" => DeliveryChannel.App,
        "sms" => DeliveryChannel.Sms,
        "letter" => DeliveryChannel.Letter,
        "posted" => DeliveryChannel.Posted,
        "door" => DeliveryChannel.Door,
        _ => null,
    };
}
