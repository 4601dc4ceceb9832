module example.com/textbench

go 1.19
