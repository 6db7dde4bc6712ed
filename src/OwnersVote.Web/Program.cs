using OwnersVote.Web.Hosting;

WebApplicationBuilder builder = WebApplication.CreateBuilder(args);

builder.AddOwnersVote();

WebApplication app = builder.Build();

app.UseOwnersVote();
app.MapOwnersVote();

app.Run();
