using OwnersVote.Web.Hosting;

WebApplicationBuilder builder = WebApplication.CreateBuilder(args);

builder.AddOwnersVote();
builder.AddOwnersVoteOperations();

WebApplication app = builder.Build();

app.UseOwnersVote();
app.MapOwnersVote();

app.Run();
