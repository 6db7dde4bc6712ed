using OwnersVote.Web.Hosting;

// Settings are read once, at start (docs/operations.md). Reloading appsettings.json on change
// watched the whole content root, which holds the log and the database, so every write the
// server made raised an inotify event for the server itself to read (issue 10).
WebApplicationBuilder builder = WebApplication.CreateBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);

builder.AddOwnersVote();
builder.AddOwnersVoteOperations();

WebApplication app = builder.Build();

app.UseOwnersVote();
app.MapOwnersVote();

app.Run();
