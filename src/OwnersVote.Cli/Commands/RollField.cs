namespace OwnersVote.Cli.Commands;

/// <summary>A column of the roll.</summary>
public enum RollField
{
    /// <summary>The building (楼号).</summary>
    Building,

    /// <summary>The unit (室号).</summary>
    Unit,

    /// <summary>The owner id (业主).</summary>
    Owner,

    /// <summary>The exclusive area in m² (面积).</summary>
    Area,

    /// <summary>Where the area comes from (面积来源).</summary>
    AreaSource,
}
