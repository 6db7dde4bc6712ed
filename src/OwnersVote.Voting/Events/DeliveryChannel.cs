namespace OwnersVote.Voting.Events;

/// <summary>How a vote's notice and ballot reached an owner (issue 7 part 2).</summary>
public enum DeliveryChannel
{
    /// <summary><c>app</c>: shown in the owner's signed-in app.</summary>
    App = 1,

    /// <summary><c>sms</c>: a text message.</summary>
    Sms = 2,

    /// <summary><c>letter</c>: a printed letter.</summary>
    Letter = 3,

    /// <summary><c>posted</c>: posted at the owner's building.</summary>
    Posted = 4,

    /// <summary><c>door</c>: handed over door to door.</summary>
    Door = 5,
}
