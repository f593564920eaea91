using SpaceCombat.Web;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSpaceCombatWeb();

// Feature areas register their services here, one line each:
// builder.Services.AddBattles();
// builder.Services.AddOperations();

var app = builder.Build();

app.UseSpaceCombatWeb();

// Feature areas map their endpoints (hubs, APIs) here, one line each:
// app.MapBattles();
// app.MapOperations();

app.MapSpaceCombatWeb();

app.Run();

// Lets tests reference the entry point as WebApplicationFactory<Program>.
public partial class Program;
