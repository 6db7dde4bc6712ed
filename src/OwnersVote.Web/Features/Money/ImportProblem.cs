namespace OwnersVote.Web.Features.Money;

/// <summary>Why an upload or a statement was refused; the page words each in Chinese or English.</summary>
public enum ImportProblemCode
{
    /// <summary>The file is neither readable CSV (UTF-8) nor an .xlsx workbook.</summary>
    Unreadable,

    /// <summary>No header row naming the columns.</summary>
    NoHeader,

    /// <summary>A header names a column this import does not know.</summary>
    UnknownColumn,

    /// <summary>A required column (date, kind, amount, description) is missing.</summary>
    MissingColumn,

    /// <summary>The file has no lines under its header.</summary>
    NoLines,

    /// <summary>Not a date of the form 2026-06-30 (or a spreadsheet date).</summary>
    BadDate,

    /// <summary>Not a line kind this statement carries.</summary>
    BadKind,

    /// <summary>Not a positive amount in yuan with at most two decimals.</summary>
    BadAmount,

    /// <summary>The description is empty.</summary>
    NoDescription,

    /// <summary>The document is not a SHA-256 (64 lowercase hex digits).</summary>
    BadDocument,

    /// <summary>The date is outside the statement's period.</summary>
    OutsidePeriod,

    /// <summary>The line is dated before the line above it.</summary>
    OutOfOrder,

    /// <summary>A maintenance-fund spending, or a planned spending, names no vote.</summary>
    VoteRequired,

    /// <summary>An income, deposit or interest line names a vote.</summary>
    VoteNotAllowed,

    /// <summary>No vote with this id in the compound.</summary>
    VoteNotFound,

    /// <summary>The vote failed: nothing may be spent on it.</summary>
    VoteFailed,

    /// <summary>A paid spending names a vote that has not passed (yet): record it as planned.</summary>
    VoteNotPassed,

    /// <summary>The vote is decided by other buildings than the fund's.</summary>
    VoteOfOtherBuildings,

    /// <summary>The period ends before it starts, or is longer than six months (fund) or not a calendar quarter (income).</summary>
    BadPeriod,

    /// <summary>The opening balance is not a non-negative amount in yuan.</summary>
    BadOpening,

    /// <summary>The period does not follow the previous statement, or the opening balance is not its closing balance.</summary>
    NotContinuous,

    /// <summary>The balance would go below zero.</summary>
    NegativeBalance,

    /// <summary>The building is not one of the compound's.</summary>
    UnknownBuilding,

    /// <summary>A statement for this account and period is already published.</summary>
    AlreadyPublished,

    /// <summary>
    /// The statement cannot be logged even one line per entry (c2sp.org/tlog-tiles: 65,535 bytes
    /// each): a line's description or the attachments are too long; the value is its number of lines.
    /// </summary>
    TooLarge,
}

/// <summary>One problem of an upload, at a spreadsheet row (0 for the statement as a whole).</summary>
/// <param name="Row">The row number a person sees in the spreadsheet or CSV file; 0 for the whole statement.</param>
/// <param name="Code">What is wrong.</param>
/// <param name="Value">The offending value, as written (or the expected one), for the message.</param>
public sealed record ImportProblem(int Row, ImportProblemCode Code, string Value = "");
