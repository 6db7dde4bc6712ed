using OwnersVote.Voting;
using OwnersVote.Voting.Signing;
using OwnersVote.Web.Data;

namespace OwnersVote.Web.Projections;

public sealed partial class Projector
{
    /// <summary>
    /// A ballot's choice on every question of its matter, in the order of <see cref="MatterRow.Questions"/>,
    /// one per line (<see cref="BallotRow.Answers"/>): Civil Code art. 278 counts each question on its
    /// own, so the tables keep each answer, not only the first question's. A question the ballot does
    /// not answer reads <c>invalid</c> (such a ballot is rejected as <c>answers-mismatch</c> and never counts).
    /// </summary>
    private static string ChoicesByQuestion(MatterRow matter, IReadOnlyList<BallotAnswer> answers) =>
        string.Join('\n', matter.Questions.Split('\n').Select(question =>
            BallotCsv.FormatChoice(answers.FirstOrDefault(a => a.Question == question)?.Choice ?? Choice.Invalid)));
}
