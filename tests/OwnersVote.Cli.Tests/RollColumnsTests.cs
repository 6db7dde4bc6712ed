using OwnersVote.Cli.Commands;
using OwnersVote.Voting;

namespace OwnersVote.Cli.Tests;

public sealed class RollColumnsTests
{
    [Theory]
    [InlineData("楼号", RollField.Building)]
    [InlineData("楼栋", RollField.Building)]
    [InlineData("Building", RollField.Building)]
    [InlineData("室号", RollField.Unit)]
    [InlineData("房号", RollField.Unit)]
    [InlineData("单元", RollField.Unit)]
    [InlineData(" unit ", RollField.Unit)]
    [InlineData("业主", RollField.Owner)]
    [InlineData("业主姓名", RollField.Owner)]
    [InlineData("业主编号", RollField.Owner)]
    [InlineData("OWNER", RollField.Owner)]
    [InlineData("建筑面积", RollField.Area)]
    [InlineData("专有面积", RollField.Area)]
    [InlineData("面积", RollField.Area)]
    [InlineData("建筑面积（㎡）", RollField.Area)]
    [InlineData("Area (m2)", RollField.Area)]
    [InlineData("面积来源", RollField.AreaSource)]
    [InlineData("area_source", RollField.AreaSource)]
    public void Recognises_office_headers(string header, RollField field)
    {
        Assert.Equal(field, RollColumns.FieldOf(header));
    }

    [Theory]
    [InlineData("序号")]
    [InlineData("联系电话")]
    [InlineData("")]
    public void Ignores_other_columns(string header)
    {
        Assert.Null(RollColumns.FieldOf(header));
    }

    [Fact]
    public void Prefers_the_exclusive_area_over_the_gross_floor_area()
    {
        Assert.True(RollColumns.Rank(RollField.Area, "专有面积") < RollColumns.Rank(RollField.Area, "建筑面积"));
    }

    [Theory]
    [InlineData("不动产登记", AreaSource.Registry)]
    [InlineData("登记", AreaSource.Registry)]
    [InlineData("registry", AreaSource.Registry)]
    [InlineData("实测", AreaSource.Survey)]
    [InlineData("测绘", AreaSource.Survey)]
    [InlineData("Survey", AreaSource.Survey)]
    [InlineData("合同", AreaSource.Contract)]
    [InlineData("预售", AreaSource.Contract)]
    [InlineData(" contract ", AreaSource.Contract)]
    public void Maps_the_source_words_of_ji_article_8(string text, AreaSource source)
    {
        Assert.Equal(source, RollColumns.SourceOf(text));
    }

    [Theory]
    [InlineData("估算")]
    [InlineData("")]
    [InlineData("register")]
    public void Unknown_source_words_are_not_guessed(string text)
    {
        Assert.Null(RollColumns.SourceOf(text));
    }
}
