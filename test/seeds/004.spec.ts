import { describeSeed } from './seed-check';

describeSeed('004', '南昌市西湖区医疗保障局 2022');
