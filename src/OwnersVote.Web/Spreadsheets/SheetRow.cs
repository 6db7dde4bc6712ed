namespace OwnersVote.Web.Spreadsheets;

/// <summary>A cell of an imported sheet: its text, and whether the spreadsheet stored it as a number.</summary>
/// <param name="Text">The cell text (for numbers, the stored decimal text, e.g. <c>85.45</c>).</param>
/// <param name="IsNumber">True for numeric cells of a spreadsheet; false for text and for CSV.</param>
public sealed record SheetCell(string Text, bool IsNumber);

/// <summary>A row of an imported sheet with its 1-based spreadsheet row number.</summary>
/// <param name="Number">The row number a person sees in the spreadsheet (or the CSV record number).</param>
/// <param name="Cells">The cells by column (0 = A); null where a cell is absent.</param>
public sealed record SheetRow(int Number, IReadOnlyList<SheetCell?> Cells)
{
    /// <summary>The cell in a column, or null.</summary>
    public SheetCell? this[int column] => column < Cells.Count ? Cells[column] : null;

    /// <summary>Whether every cell is absent or blank.</summary>
    public bool IsBlank => Cells.All(c => c is null || string.IsNullOrWhiteSpace(c.Text));
}
