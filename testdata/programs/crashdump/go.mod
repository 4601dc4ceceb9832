module example.com/crashdump

go 1.19
